package dev.vigil.gateway.chaos;

import dev.vigil.device.provisioning.DeviceKeys;
import dev.vigil.gateway.keys.GatewayKeys;
import dev.vigil.gateway.registry.DeviceRegistry;
import dev.vigil.gateway.store.Database;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a crash run stands on: its own Mosquitto on a free port (so that nothing else on the machine
 * shares or disturbs it), a fresh schema in the machine's PostgreSQL, the gateway's and the
 * device's keys, the device registered, and the commands that start a gateway or an agent process.
 */
final class ChaosWorld implements AutoCloseable {
  static final String POSTGRES =
      System.getProperty("vigil.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");

  private final Path work;
  private final Path root;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final String schema = "chaos_" + runId;
  private final int mqttPort;
  private Child broker;
  private boolean keepDatabase;

  private ChaosWorld(Path work, Path root, int mqttPort) {
    this.work = work;
    this.root = root;
    this.mqttPort = mqttPort;
  }

  static ChaosWorld create(Path work, Path root) throws Exception {
    Files.createDirectories(work);
    ChaosWorld world = new ChaosWorld(work.toAbsolutePath(), root.toAbsolutePath(), freePort());
    try {
      world.startBroker();
      world.prepare();
    } catch (Exception | Error e) {
      world.close();
      throw e;
    }
    return world;
  }

  String deviceId() {
    return "chaos-" + runId;
  }

  Path witness() {
    return work.resolve("witness.log");
  }

  Path gatewayLog() {
    return work.resolve("gateway.log");
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(dbUrl(), "postgres", "");
  }

  /** A gateway process on this run's broker and schema. */
  Child startGateway() throws IOException {
    return Child.java(
        List.of("-Xmx256m", "-XX:+UseSerialGC"),
        "dev.vigil.gateway.GatewayMain",
        List.of(
            "run",
            "data.dir=" + work.resolve("gateway"),
            "mqtt.url=tcp://127.0.0.1:" + mqttPort,
            "mqtt.client-id=chaos-gw-" + runId,
            "mqtt.share-group=chaos-" + runId,
            "mqtt.ingest-connections=1",
            "db.url=" + dbUrl(),
            "db.user=postgres",
            "http.port=0",
            "alerts.sinks=log"),
        gatewayLog());
  }

  /**
   * An agent process. {@code driving}: replaying a drive fast (a position every 100 ms) with panic
   * presses on standard input; otherwise no input at all, so it only drains its backlog. Launched
   * lean (C1 only, serial GC, class data sharing) to keep each cycle short.
   */
  Child startAgent(boolean driving) throws IOException {
    Path drive = driving ? root.resolve(ChaosKill.DRIVE) : emptyDrive();
    return Child.java(
        List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx64m",
            "-Xshare:auto",
            "-XX:-UsePerfData"),
        "dev.vigil.device.DeviceMain",
        List.of(
            "run",
            "device.id=" + deviceId(),
            "vehicle.id=VEH-" + runId,
            "data.dir=" + work.resolve("device"),
            "mqtt.url=tcp://127.0.0.1:" + mqttPort,
            "gateway.public-key=" + work.resolve("gateway/keys/" + GatewayKeys.PUBLIC_FILE),
            "gnss.replay.file=" + drive,
            "gnss.replay.speed=50",
            "gnss.replay.loop=" + driving,
            "position.interval-ms=100",
            "button.source=stdin",
            "outbox.witness-file=" + witness()),
        work.resolve("agent.log"));
  }

  void keepDatabase() {
    keepDatabase = true;
  }

  private Path emptyDrive() throws IOException {
    Path empty = work.resolve("no-fixes.nmea");
    if (!Files.exists(empty)) {
      Files.createFile(empty);
    }
    return empty;
  }

  private String dbUrl() {
    return POSTGRES + "?currentSchema=" + schema;
  }

  private void startBroker() throws Exception {
    Path config = work.resolve("mosquitto.conf");
    Files.writeString(
        config,
        "listener "
            + mqttPort
            + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
            + "log_dest stdout\n");
    broker = Child.start(List.of("mosquitto", "-c", config.toString()), work.resolve("broker.log"));
    for (int i = 0; i < 100 && !listening(mqttPort); i++) {
      Thread.sleep(50);
    }
    if (!listening(mqttPort)) {
      throw new IllegalStateException("mosquitto did not start; see " + work.resolve("broker.log"));
    }
  }

  private void prepare() throws Exception {
    try (Connection db = DriverManager.getConnection(POSTGRES, "postgres", "");
        Statement statement = db.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    }
    Database database = new Database(dbUrl(), "postgres", "");
    database.migrate();
    GatewayKeys.loadOrCreate(work.resolve("gateway/keys"));
    Path publicKey = DeviceKeys.generate(work.resolve("device/keys"));
    new DeviceRegistry(database)
        .register(deviceId(), "VEH-" + runId, Files.readString(publicKey), Instant.now());
  }

  private static boolean listening(int port) {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    if (broker != null) {
      broker.stop(5_000);
    }
    if (!keepDatabase) {
      try (Connection db = DriverManager.getConnection(POSTGRES, "postgres", "");
          Statement statement = db.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }
}
