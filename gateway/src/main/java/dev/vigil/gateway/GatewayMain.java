package dev.vigil.gateway;

import dev.vigil.gateway.cli.Terminal;
import dev.vigil.gateway.desk.Watch;
import dev.vigil.gateway.enrol.EnrolCommands;
import dev.vigil.gateway.keys.GatewayKeys;
import dev.vigil.gateway.media.EvidenceVerifier;
import dev.vigil.gateway.operators.OperatorCommands;
import dev.vigil.gateway.registry.DeviceRegistry;
import dev.vigil.gateway.store.Database;
import dev.vigil.protocol.settings.Arguments;
import dev.vigil.protocol.settings.Settings;
import dev.vigil.protocol.tls.PemTls;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.tinylog.Logger;

/**
 * {@code vigil-gateway COMMAND [options]}: the gateway's command line.
 *
 * <ul>
 *   <li>{@code run [--config FILE] [key=value ...]}: runs the gateway until SIGTERM/Ctrl-C.
 *   <li>{@code keys [--config FILE]}: creates the gateway key pair if absent; prints the public key
 *       file devices need.
 *   <li>{@code register-device --device ID --vehicle ID --public-key FILE [--config FILE]}.
 *   <li>{@code watch --mqtt-url URL [--operator NAME] [--gateway URL] [--plain]}: the control-room
 *       desk ({@link Watch}): live alerts, keys to acknowledge and resolve.
 *   <li>{@code token create --vehicle ID [--ttl-h 24]}, {@code revoke --device ID}, {@code keys
 *       rotate}, {@code ca broker-cert --names HOST,IP --out DIR}: enrolment and keys ({@link
 *       EnrolCommands}).
 *   <li>{@code operator add|token|revoke-token|disable|list}: control-room accounts ({@link
 *       OperatorCommands}).
 * </ul>
 */
public final class GatewayMain {
  private static final String USAGE =
      """
      usage: vigil-gateway run [--config FILE] [key=value ...]
             vigil-gateway keys [--config FILE] [key=value ...]
             vigil-gateway register-device --device ID --vehicle ID --public-key FILE \
      [--config FILE] [key=value ...]
             vigil-gateway watch [--mqtt-url tcp://127.0.0.1:1883] [--tls-dir DIR] \
      [--operator NAME] [--gateway http://HOST:PORT] [--token-file FILE] [--plain]
             vigil-gateway token create --vehicle ID [--ttl-h 24] [--config FILE]
             vigil-gateway revoke --device ID [--config FILE]
             vigil-gateway keys rotate [--config FILE]
             vigil-gateway ca broker-cert --names HOST,IP --out DIR [--config FILE]
             vigil-gateway ca desk-cert --name vigil-cr-NAME --out DIR [--config FILE]
             vigil-gateway verify-evidence FILE
             vigil-gateway operator add --name N --role operator|supervisor|admin \
      [--password-file FILE] [--config FILE]   (password on standard input otherwise)
             vigil-gateway operator token --name N [--label L] [--days D] [--config FILE]
             vigil-gateway operator revoke-token --name N --label L [--config FILE]
             vigil-gateway operator disable --name N [--config FILE]
             vigil-gateway operator list [--config FILE]
      """;

  private GatewayMain() {}

  public static void main(String[] args) {
    System.exit(run(args, Terminal.out(), Terminal.err()));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.in, out, err);
  }

  static int run(String[] args, java.io.InputStream in, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(USAGE);
      return 2;
    }
    try {
      if (args[0].equals("verify-evidence")) {
        if (args.length != 2) {
          throw new Arguments.UsageException("verify-evidence takes one FILE");
        }
        return verifyEvidence(Path.of(args[1]), out);
      }
      if (args[0].equals("operator")) {
        String sub = args.length > 1 ? args[1] : "";
        return OperatorCommands.run(sub, Arguments.parse(args, 2), in, out, Clock.systemUTC());
      }
      boolean rotate = args[0].equals("keys") && args.length > 1 && args[1].equals("rotate");
      if (args[0].equals("token") || args[0].equals("ca") || rotate) {
        return twoWords(args, out);
      }
      if (args[0].equals("watch")) {
        return watch(args, out);
      }
      Arguments arguments = Arguments.parse(args, 1);
      return switch (args[0]) {
        case "revoke" -> EnrolCommands.revoke(arguments, out, Clock.systemUTC());
        case "run" -> serve(arguments);
        case "keys" -> keys(arguments, out);
        case "register-device" -> register(arguments, out);
        case "help", "--help", "-h" -> {
          out.print(USAGE);
          yield 0;
        }
        default -> {
          err.println("unknown command: " + args[0]);
          err.print(USAGE);
          yield 2;
        }
      };
    } catch (Arguments.UsageException | Settings.SettingsException | IllegalArgumentException e) {
      err.println("vigil-gateway: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      Logger.error(e, "vigil-gateway {} failed", args[0]);
      err.println("vigil-gateway: " + args[0] + " failed: " + e.getMessage());
      return 1;
    }
  }

  private static int twoWords(String[] args, PrintStream out) throws Exception {
    String command = args[0] + " " + (args.length > 1 ? args[1] : "");
    Arguments arguments = Arguments.parse(args, 2);
    return switch (command) {
      case "token create" -> EnrolCommands.createToken(arguments, out, Clock.systemUTC());
      case "keys rotate" -> EnrolCommands.rotateKeys(arguments, out, Clock.systemUTC());
      case "ca desk-cert" -> EnrolCommands.deskCertificate(arguments, out, Clock.systemUTC());
      case "ca broker-cert" -> EnrolCommands.brokerCertificate(arguments, out, Clock.systemUTC());
      default -> throw new Arguments.UsageException("unknown command: " + command.strip());
    };
  }

  private static int serve(Arguments arguments) throws Exception {
    GatewayConfig config = GatewayConfig.load(arguments.path("--config"), arguments.overrides());
    CountDownLatch stopped = new CountDownLatch(1);
    Gateway gateway = Gateway.start(config);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  Logger.info("gateway stopping");
                  gateway.close();
                  stopped.countDown();
                },
                "gateway-shutdown"));
    stopped.await();
    return 0;
  }

  private static int keys(Arguments arguments, PrintStream out) throws Exception {
    GatewayConfig config = GatewayConfig.load(arguments.path("--config"), arguments.overrides());
    Path folder = config.dataDir().resolve("keys");
    GatewayKeys.loadOrCreate(folder);
    out.println(folder.resolve(GatewayKeys.PUBLIC_FILE));
    return 0;
  }

  private static int register(Arguments arguments, PrintStream out) throws Exception {
    String deviceId = arguments.required("--device");
    String vehicleId = arguments.required("--vehicle");
    Path keyFile =
        arguments
            .path("--public-key")
            .orElseThrow(() -> new Arguments.UsageException("--public-key FILE is required"));
    GatewayConfig config = GatewayConfig.load(arguments.path("--config"), arguments.overrides());
    Database database = new Database(config.dbUrl(), config.dbUser(), config.dbPassword());
    database.migrate();
    String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
    new DeviceRegistry(database).register(deviceId, vehicleId, pem, Instant.now());
    out.println("registered device " + deviceId + " for vehicle " + vehicleId);
    return 0;
  }

  /** Checks an incident package offline; exit 0 when everything verifies, 1 otherwise. */
  private static int verifyEvidence(Path file, PrintStream out) throws Exception {
    List<EvidenceVerifier.Finding> findings = EvidenceVerifier.verify(Files.readAllBytes(file));
    findings.forEach(out::println);
    long failed = findings.stream().filter(f -> !f.ok()).count();
    out.println(failed == 0 ? "VERIFIED" : "NOT VERIFIED: " + failed + " problem(s)");
    return failed == 0 ? 0 : 1;
  }

  /** A desk's TLS files from {@code ca desk-cert}: its name (the CN) and its TLS context. */
  private record DeskTls(String name, javax.net.ssl.SSLContext context) {
    static DeskTls load(Path folder) {
      try {
        String cert = Files.readString(folder.resolve("desk.crt"));
        String name =
            dev.vigil.gateway.broker.FleetIdentity.of(PemTls.certificates(cert).get(0))
                .orElseThrow(() -> new IllegalArgumentException("desk.crt has no fleet identity"))
                .name();
        return new DeskTls(
            name,
            PemTls.context(
                Files.readString(folder.resolve("desk-key.pem")),
                cert,
                Files.readString(folder.resolve("ca.crt"))));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("cannot read the desk's TLS files: " + e.getMessage());
      }
    }
  }

  /** The control-room desk ({@link Watch}); {@code --plain} is a flag, the rest take values. */
  private static int watch(String[] args, PrintStream out) throws Exception {
    List<String> rest = new java.util.ArrayList<>(List.of(args));
    boolean plain = rest.remove("--plain");
    Arguments arguments = Arguments.parse(rest.toArray(String[]::new), 1);
    Optional<DeskTls> desk = arguments.path("--tls-dir").map(DeskTls::load);
    Watch.Options options =
        new Watch.Options(
            arguments.optional("--mqtt-url").orElse("tcp://127.0.0.1:1883"),
            desk.map(DeskTls::name).orElse("vigil-watch") + "-" + ProcessHandle.current().pid(),
            desk.map(DeskTls::context),
            arguments.optional("--operator"),
            arguments.optional("--gateway").map(GatewayMain::gatewayUri),
            arguments.path("--token-file").map(GatewayMain::token),
            plain);
    return Watch.run(options, Terminal.in(), out, Clock.systemUTC(), System.console() != null);
  }

  private static URI gatewayUri(String url) {
    URI uri = URI.create(url);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          "--gateway must be http://HOST:PORT or https://...: " + url);
    }
    return uri;
  }

  private static String token(Path file) {
    try {
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (token.isEmpty() || token.contains("\n")) {
        throw new IllegalArgumentException("--token-file " + file + " must hold one token");
      }
      return token;
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("--token-file " + file + " does not exist");
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "cannot read --token-file " + file + ": " + e.getMessage());
    }
  }
}
