package dev.vigil.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.operators.AuditLog;
import dev.vigil.gateway.operators.Caller;
import dev.vigil.gateway.operators.LoginThrottle;
import dev.vigil.gateway.operators.Operators;
import dev.vigil.gateway.operators.Role;
import dev.vigil.gateway.store.Database;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil-gateway operator ...} on the embedded database of a gateway data folder: accounts
 * added with the password on standard input or in a file (never on the command line), a token
 * printed once that then authenticates, listing, disabling, and the audit of each.
 */
@Timeout(120)
class OperatorCommandsIT {
  @TempDir Path folder;

  private record Result(int exitCode, String out, String err) {}

  private Result run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 1];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "data.dir=" + folder.resolve("gateway");
    int code =
        GatewayMain.run(
            all,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Operators operators() throws Exception {
    Database database =
        new Database(
            GatewayConfig.load(
                    Optional.empty(),
                    java.util.Map.of("data.dir", folder.resolve("gateway").toString()))
                .dbUrl(),
            "",
            "");
    Clock clock = Clock.systemUTC();
    return new Operators(database, new AuditLog(database, clock), LoginThrottle.DEFAULT, clock);
  }

  @Test
  void accountsAndTokensAreManagedFromTheCommandLineAndAudited() throws Exception {
    Result added =
        run(
            "a long enough password\n",
            "operator",
            "add",
            "--name",
            "lena",
            "--role",
            "supervisor");
    assertEquals(0, added.exitCode(), added.err());
    assertEquals("added operator lena (supervisor)\n", added.out());

    Path file = Files.writeString(folder.resolve("pw"), "another long password\nignored\n");
    Result fromFile =
        run(
            "",
            "operator",
            "add",
            "--name",
            "omar",
            "--role",
            "operator",
            "--password-file",
            file.toString());
    assertEquals(0, fromFile.exitCode(), fromFile.err());

    Result token = run("", "operator", "token", "--name", "lena", "--label", "ci", "--days", "7");
    assertEquals(0, token.exitCode(), token.err());
    String secret = token.out().lines().findFirst().orElseThrow();
    assertTrue(secret.startsWith("vgo_"), token.out());
    assertTrue(token.out().contains("shown this once"));
    Operators operators = operators();
    assertEquals(Optional.of(new Caller("lena", Role.SUPERVISOR)), operators.authenticate(secret));

    Result list = run("", "operator", "list");
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.out().contains("lena\tsupervisor\tactive"), list.out());
    assertTrue(list.out().contains("omar\toperator\tactive"), list.out());

    Result disabled = run("", "operator", "disable", "--name", "lena");
    assertEquals(0, disabled.exitCode(), disabled.err());
    assertEquals(Optional.empty(), operators.authenticate(secret));
    assertTrue(run("", "operator", "list").out().contains("lena\tsupervisor\tdisabled"));

    var audit = operators.audit().recent(10, Optional.empty(), Optional.empty());
    assertEquals(
        "operator.disable token.create operator.add operator.add",
        String.join(" ", audit.stream().map(AuditLog.Entry::action).toList()));
    assertTrue(audit.get(0).who().startsWith("cli:"), audit.get(0).who());
  }

  @Test
  void aPasswordOnTheCommandLineOrTooShortOrAnUnknownRoleIsRefused() {
    Result argv =
        run(
            "",
            "operator",
            "add",
            "--name",
            "eve",
            "--role",
            "admin",
            "--password",
            "a long enough password");
    assertEquals(2, argv.exitCode());
    assertTrue(argv.err().contains("--password is refused"), argv.err());
    Result shortOne = run("short\n", "operator", "add", "--name", "eve", "--role", "admin");
    assertEquals(2, shortOne.exitCode());
    assertTrue(shortOne.err().contains("at least 12 characters"), shortOne.err());
    Result role =
        run("a long enough password\n", "operator", "add", "--name", "eve", "--role", "root");
    assertEquals(2, role.exitCode());
    assertTrue(role.err().contains("role must be"), role.err());
    Result none = run("", "operator", "add", "--name", "eve", "--role", "admin");
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("no password"), none.err());
    Result badName =
        run(
            "a long enough password\n",
            "operator",
            "add",
            "--name",
            "Eve Smith",
            "--role",
            "admin");
    assertEquals(2, badName.exitCode());
    Result unknown = run("", "operator", "token", "--name", "nobody");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("no operator named nobody"), unknown.err());
  }
}
