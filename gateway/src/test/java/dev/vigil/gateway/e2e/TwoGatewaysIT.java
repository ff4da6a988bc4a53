package dev.vigil.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.keys.GatewayKeys;
import dev.vigil.gateway.operators.Role;
import dev.vigil.gateway.operators.TestOperators;
import dev.vigil.gateway.registry.DeviceRegistry;
import dev.vigil.gateway.store.Database;
import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.pb.AlarmType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tinylog.Logger;

/**
 * Two gateway processes share one subscription on the machine's Mosquitto (a share group unique to
 * the run) and one PostgreSQL schema. Simulated devices stream positions and raise panics; one
 * gateway is killed with SIGKILL mid-stream and started again, as its supervisor would. Then: every
 * message published is stored, none twice, and each panic escalated exactly once per level (counted
 * in {@code alert_events} and on the control-room topic).
 */
class TwoGatewaysIT {
  private static final String MOSQUITTO =
      System.getProperty("vigil.mosquitto.url", "tcp://127.0.0.1:1883");
  private static final String POSTGRES =
      System.getProperty("vigil.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final int DEVICES = 8;
  private static final int ROUNDS = 40;
  private static final long ROUND_MS = 200;

  @TempDir Path folder;

  @Test
  @Timeout(180)
  void killingOneGatewayMidStreamLosesNothingStoresNothingTwiceAndEscalatesOnce() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String schema = "vigil_2gw_" + run;
    try (Connection admin = DriverManager.getConnection(POSTGRES, "postgres", "");
        Statement s = admin.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    String dbUrl = POSTGRES + "?currentSchema=" + schema;
    Database database = new Database(dbUrl, "postgres", "");
    try {
      database.migrate();
      bearer = "Bearer " + TestOperators.token(database, "bench-2gw", Role.OPERATOR);
      runFleet(run, database, dbUrl);
    } finally {
      try (Connection admin = DriverManager.getConnection(POSTGRES, "postgres", "");
          Statement s = admin.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  /** An operator's token on the shared database, for the gateways' metrics. */
  private String bearer;

  private void runFleet(String run, Database database, String dbUrl) throws Exception {
    KeyPair keys = GatewayKeys.loadOrCreate(folder.resolve("shared-keys"));
    GatewayProcess a = gateway("a", run, dbUrl);
    GatewayProcess b = gateway("b", run, dbUrl);
    List<SimDevice> devices = new ArrayList<>();
    try (a;
        b;
        ControlRoom desk = new ControlRoom(MOSQUITTO, "desk-2gw-" + run)) {
      a.start();
      b.start();
      DeviceRegistry registry = new DeviceRegistry(database);
      for (int d = 0; d < DEVICES; d++) {
        devices.add(
            new SimDevice(
                "sim2-" + d + "-" + run,
                "VEH2-" + d + "-" + run,
                keys.getPublic(),
                registry,
                MOSQUITTO));
      }
      int positions = stream(devices, a);
      int alarms = 2 * DEVICES;
      awaitCount(database, "SELECT COUNT(*) FROM positions", positions, 60_000);
      awaitCount(database, "SELECT COUNT(*) FROM alarms", alarms, 30_000);
      // Every panic escalates at 3 s and 6 s after receipt; leave time for both, then some.
      Thread.sleep(8_000);
      check(database, desk, devices, positions, alarms);
    } finally {
      for (SimDevice device : devices) {
        device.close();
      }
    }
  }

  /** Streams positions from every device, two panics each, and kills gateway a halfway. */
  private int stream(List<SimDevice> devices, GatewayProcess a) throws Exception {
    int positions = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Instant now = Instant.now();
      for (int d = 0; d < devices.size(); d++) {
        SimDevice device = devices.get(d);
        device.position(48.1 + round * 1e-4, now);
        positions++;
        if (round == 5 || round == 25) {
          device.alarm("panic-" + round, AlarmType.PANIC, "trip-" + round, 48.1, now);
        }
      }
      if (round == ROUNDS / 2) {
        long stored = storedBy(a);
        assertTrue(stored > 0, "gateway a took its share before the kill: " + stored);
        Logger.info("SIGKILL gateway a mid-stream, after it stored {}", stored);
        a.kill();
      }
      if (round == ROUNDS / 2 + 8) {
        Logger.info("restarting gateway a");
        a.start();
      }
      Thread.sleep(ROUND_MS);
    }
    return positions;
  }

  private long storedBy(GatewayProcess gateway) throws Exception {
    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://127.0.0.1:" + gateway.httpPort() + "/api/metrics"))
                    .header("Authorization", bearer)
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(response.body())
        .get("stored")
        .asLong();
  }

  private void check(
      Database database, ControlRoom desk, List<SimDevice> devices, int positions, int alarms)
      throws Exception {
    assertEquals(positions, count(database, "SELECT COUNT(*) FROM positions"), "positions");
    assertEquals(
        positions,
        count(database, "SELECT COUNT(DISTINCT device_id || '/' || seq) FROM positions"));
    assertEquals(alarms, count(database, "SELECT COUNT(*) FROM alarms"), "alarms");
    assertEquals(alarms, count(database, "SELECT COUNT(*) FROM alerts"), "one alert per panic");
    assertEquals(
        alarms, count(database, "SELECT COUNT(*) FROM alert_events WHERE action = 'RAISED'"));
    assertEquals(
        alarms,
        count(
            database,
            "SELECT COUNT(*) FROM alert_events WHERE action = 'ESCALATED' AND escalation_level = 1"));
    assertEquals(
        alarms,
        count(
            database,
            "SELECT COUNT(*) FROM alert_events WHERE action = 'ESCALATED' AND escalation_level = 2"));
    assertEquals(
        0,
        count(
            database,
            "SELECT COUNT(*) FROM (SELECT alert_id, escalation_level"
                + " FROM alert_events WHERE action = 'ESCALATED' GROUP BY alert_id, escalation_level"
                + " HAVING COUNT(*) > 1) twice"));

    ConcurrentMap<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    for (SimDevice device : devices) {
      for (ControlRoom.Received r = desk.next(device.vehicleId, 500);
          r != null;
          r = desk.next(device.vehicleId, 500)) {
        String key =
            r.alert().alertId()
                + " "
                + r.alert().state()
                + " "
                + r.alert().progress().escalationLevel();
        seen.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      }
    }
    Map<String, Integer> escalationsHeard = new HashMap<>();
    seen.forEach(
        (key, n) -> {
          if (key.contains(" " + AlertState.ESCALATED + " ")) {
            escalationsHeard.put(key, n.get());
          }
        });
    assertEquals(2 * alarms, escalationsHeard.size(), "every level of every panic was heard");
    escalationsHeard.forEach((key, n) -> assertEquals(1, n, key + " heard " + n + " times"));
    long opened = seen.keySet().stream().filter(k -> k.contains(" OPEN ")).count();
    // Distinct alerts announced as OPEN: every panic reached the desk, also one whose gateway was
    // killed between its commit and its publish (another gateway sends what was never marked).
    assertEquals(alarms, opened, "every raised alert was announced");
    Logger.info(
        "two gateways: {} positions, {} alarms, {} escalations heard once each; {} of {}"
            + " OPEN messages heard",
        positions,
        alarms,
        escalationsHeard.size(),
        opened,
        alarms);
  }

  private GatewayProcess gateway(String name, String run, String dbUrl) throws Exception {
    Path data = folder.resolve("gw-" + name);
    Path keys = Files.createDirectories(data.resolve("keys"));
    for (String file : List.of(GatewayKeys.PRIVATE_FILE, GatewayKeys.PUBLIC_FILE)) {
      Files.copy(folder.resolve("shared-keys").resolve(file), keys.resolve(file));
    }
    Map<String, String> settings = new HashMap<>();
    settings.put("data.dir", data.toString());
    settings.put("mqtt.url", MOSQUITTO);
    settings.put("mqtt.client-id", "vigil-2gw-" + name + "-" + run);
    settings.put("mqtt.share-group", "vigil-2gw-" + run);
    settings.put("mqtt.session-expiry-s", "300");
    settings.put("http.port", Integer.toString(TestFleet.freePort()));
    settings.put("db.url", dbUrl);
    settings.put("db.user", "postgres");
    settings.put("alerts.escalate.critical-s", "3,6");
    settings.put("alerts.sweep-interval-ms", "100");
    settings.put("alerts.sinks", "mqtt");
    return new GatewayProcess(settings, folder.resolve("gw-" + name + ".log"));
  }

  private static void awaitCount(Database database, String sql, int expected, long timeoutMs)
      throws Exception {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    int found = count(database, sql);
    while (found < expected && System.nanoTime() < deadline) {
      Thread.sleep(250);
      found = count(database, sql);
    }
  }

  private static int count(Database database, String sql) throws Exception {
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
