package dev.vigil.gateway.operators;

import dev.vigil.gateway.GatewayConfig;
import dev.vigil.gateway.store.Database;
import dev.vigil.protocol.settings.Arguments;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code vigil-gateway operator add|token|revoke-token|disable|list}: operator accounts on the
 * gateway's database, also while the gateway runs. A password is read from {@code --password-file}
 * or the first line of standard input, never from the command line (where {@code ps} and shell
 * history would show it). Changes made here are audited as done by {@code cli:USER}.
 */
public final class OperatorCommands {
  private OperatorCommands() {}

  /** Runs {@code operator SUBCOMMAND}; {@code in} is where a password is read from. */
  public static int run(
      String sub, Arguments arguments, InputStream in, PrintStream out, Clock clock)
      throws Exception {
    if (arguments.optional("--password").isPresent()) {
      throw new Arguments.UsageException(
          "--password is refused: give the password on standard input or in --password-file");
    }
    Operators operators = open(arguments, clock);
    String by = "cli:" + System.getProperty("user.name", "?");
    switch (sub) {
      case "add" -> add(operators, arguments, in, out, by);
      case "token" -> token(operators, arguments, out, by);
      case "revoke-token" -> {
        String name = arguments.required("--name");
        int n = operators.revokeToken(name, arguments.required("--label"), by);
        out.println("revoked " + n + " token(s) of " + name);
      }
      case "disable" -> {
        String name = arguments.required("--name");
        operators.disable(name, by);
        out.println("disabled operator " + name + " and revoked its tokens");
      }
      case "list" ->
          operators
              .list()
              .forEach(
                  a ->
                      out.println(
                          a.name()
                              + "\t"
                              + a.role().lowerCase()
                              + "\t"
                              + (a.disabled() ? "disabled" : "active")
                              + "\tsince "
                              + a.createdAt()));
      default -> throw new Arguments.UsageException("unknown command: operator " + sub);
    }
    return 0;
  }

  private static void add(
      Operators operators, Arguments arguments, InputStream in, PrintStream out, String by)
      throws Exception {
    String name = arguments.required("--name");
    Role role = Role.parse(arguments.required("--role"));
    char[] password = password(arguments.path("--password-file"), in);
    operators.add(name, role, password, by);
    out.println("added operator " + name + " (" + role.lowerCase() + ")");
  }

  private static void token(Operators operators, Arguments arguments, PrintStream out, String by)
      throws Exception {
    String name = arguments.required("--name");
    String label = arguments.optional("--label").orElse("api");
    Optional<Duration> ttl = arguments.optional("--days").map(OperatorCommands::days);
    Operators.Issued issued = operators.issueToken(name, label, ttl, by);
    out.println(issued.token());
    out.println("# API token of " + name + " (label " + label + "), shown this once");
    out.println("# expires " + issued.expiresAt().map(Object::toString).orElse("never"));
    out.println("# use: curl -H 'Authorization: Bearer " + issued.token() + "' ...");
  }

  private static Duration days(String text) {
    try {
      long days = Long.parseLong(text);
      if (days >= 1 && days <= 3_650) {
        return Duration.ofDays(days);
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new Arguments.UsageException("--days must be a whole number of days, 1..3650: " + text);
  }

  /** The first line of the file or of {@code in}; the line ending is not part of it. */
  static char[] password(Optional<Path> file, InputStream in) throws IOException {
    String line;
    if (file.isPresent()) {
      line = Files.readAllLines(file.get(), StandardCharsets.UTF_8).stream().findFirst().orElse("");
    } else {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      line = reader.readLine();
    }
    if (line == null || line.isEmpty()) {
      throw new IllegalArgumentException(
          "no password: give it on standard input or in --password-file");
    }
    return line.toCharArray();
  }

  private static Operators open(Arguments arguments, Clock clock) throws Exception {
    GatewayConfig config = GatewayConfig.load(arguments.path("--config"), arguments.overrides());
    Database database = new Database(config.dbUrl(), config.dbUser(), config.dbPassword());
    database.migrate();
    return new Operators(database, new AuditLog(database, clock), LoginThrottle.DEFAULT, clock);
  }
}
