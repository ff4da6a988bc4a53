package dev.vigil.gateway.enrol;

import dev.vigil.gateway.GatewayConfig;
import dev.vigil.gateway.registry.DeviceRegistry;
import dev.vigil.gateway.store.Database;
import dev.vigil.protocol.settings.Arguments;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The operator's enrolment and key commands: {@code token create}, {@code revoke}, {@code keys
 * rotate} and {@code ca broker-cert}. They work on the gateway's database and CA folder, also while
 * the gateway runs (the embedded H2 database is opened in auto-server mode; a running gateway
 * notices revocations within {@code registry.revocation-poll-s}).
 */
public final class EnrolCommands {
  private EnrolCommands() {}

  /** {@code token create --vehicle ID [--ttl-h 24]}. */
  public static int createToken(Arguments arguments, PrintStream out, Clock clock)
      throws Exception {
    String vehicleId = arguments.required("--vehicle");
    long ttlH = hours(arguments.optional("--ttl-h").orElse("24"));
    GatewayConfig config = config(arguments);
    EnrolmentTokens.Issued issued =
        new EnrolmentTokens(database(config), clock).create(vehicleId, Duration.ofHours(ttlH));
    FleetCa ca = FleetCa.loadOrCreate(config.dataDir().resolve("ca"), clock);
    out.println(issued.token());
    out.println("# one-time enrolment token for vehicle " + vehicleId);
    out.println("# expires " + issued.expiresAt());
    out.println("# fleet CA fingerprint (SHA-256): " + fingerprint(ca));
    out.println("# on the box: vigil-device enroll --gateway URL --token " + issued.token());
    return 0;
  }

  /**
   * {@code revoke --device ID}: refuses the device at the broker and in ingest; rewrites the CRL.
   */
  public static int revoke(Arguments arguments, PrintStream out, Clock clock) throws Exception {
    String deviceId = arguments.required("--device");
    GatewayConfig config = config(arguments);
    DeviceRegistry registry = new DeviceRegistry(database(config));
    if (!registry.revoke(deviceId, clock.instant())) {
      throw new IllegalArgumentException("no device " + deviceId + " is registered");
    }
    FleetCa ca = FleetCa.loadOrCreate(config.dataDir().resolve("ca"), clock);
    Path crl = ca.writeCrl(registry.revokedSerials());
    out.println("revoked device " + deviceId + "; revocation list written to " + crl);
    out.println("# an external broker must reload it (Mosquitto: kill -HUP its process)");
    return 0;
  }

  /** {@code keys rotate}: begins the next payload key epoch; devices move on their next uplink. */
  public static int rotateKeys(Arguments arguments, PrintStream out, Clock clock) throws Exception {
    GatewayConfig config = config(arguments);
    java.time.Instant now = clock.instant();
    int epoch = dev.vigil.gateway.keys.KeyEpochs.rotate(database(config), config.keyEpoch(), now);
    out.println("key epoch " + epoch + " begins now");
    out.println(
        "# epoch "
            + (epoch - 1)
            + " stays accepted until "
            + now.plus(config.keyGrace())
            + " (keys.grace-h); running gateways switch within registry.revocation-poll-s");
    return 0;
  }

  /** {@code ca broker-cert --names host,ip --out DIR}: files for an external broker. */
  public static int brokerCertificate(Arguments arguments, PrintStream out, Clock clock)
      throws Exception {
    List<String> names = List.of(arguments.required("--names").split(","));
    Path folder =
        arguments
            .path("--out")
            .orElseThrow(() -> new Arguments.UsageException("--out DIR is required"));
    GatewayConfig config = config(arguments);
    DeviceRegistry registry = new DeviceRegistry(database(config));
    FleetCa ca = FleetCa.loadOrCreate(config.dataDir().resolve("ca"), clock);
    ServiceCertificates.writeBrokerPem(ca, names, folder);
    java.nio.file.Files.copy(
        ca.writeCrl(registry.revokedSerials()),
        folder.resolve(FleetCa.CRL_FILE),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    out.println("wrote broker-key.pem, broker.crt, ca.crt and crl.pem to " + folder);
    return 0;
  }

  /** {@code ca desk-cert --name vigil-cr-NAME --out DIR}: a control-room desk's certificate. */
  public static int deskCertificate(Arguments arguments, PrintStream out, Clock clock)
      throws Exception {
    String name = arguments.required("--name");
    if (!name.startsWith("vigil-cr") || !dev.vigil.protocol.Topics.isValidId(name)) {
      throw new Arguments.UsageException(
          "--name must start with 'vigil-cr' and hold only letters, digits, '.', '_', '-'");
    }
    Path folder =
        arguments
            .path("--out")
            .orElseThrow(() -> new Arguments.UsageException("--out DIR is required"));
    FleetCa ca = FleetCa.loadOrCreate(config(arguments).dataDir().resolve("ca"), clock);
    ServiceCertificates.writeControlPem(ca, name, folder);
    out.println("wrote desk-key.pem, desk.crt and ca.crt to " + folder);
    out.println("# connect with a client id starting with " + name);
    return 0;
  }

  /** The SHA-256 of the CA certificate, as installers compare it on the box. */
  public static String fingerprint(FleetCa ca) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(ca.certificate().getEncoded());
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
  }

  private static long hours(String raw) {
    try {
      long value = Long.parseLong(raw);
      if (value < 1 || value > 24 * 365) {
        throw new Arguments.UsageException("--ttl-h must be between 1 and 8760 hours");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new Arguments.UsageException("--ttl-h is not a whole number of hours: " + raw);
    }
  }

  private static GatewayConfig config(Arguments arguments) throws java.io.IOException {
    return GatewayConfig.load(arguments.path("--config"), arguments.overrides());
  }

  private static Database database(GatewayConfig config) throws java.sql.SQLException {
    Database database = new Database(config.dbUrl(), config.dbUser(), config.dbPassword());
    database.migrate();
    return database;
  }
}
