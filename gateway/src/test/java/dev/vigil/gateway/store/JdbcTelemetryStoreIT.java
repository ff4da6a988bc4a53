package dev.vigil.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.alerts.AlertFactory;
import dev.vigil.protocol.alert.ControlAlert;
import dev.vigil.protocol.pb.Alarm;
import dev.vigil.protocol.pb.AlarmType;
import dev.vigil.protocol.pb.FixMode;
import dev.vigil.protocol.pb.Position;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store's contract on both databases it supports: the embedded H2 default and the machine's
 * PostgreSQL (a fresh schema per run). Same migrations, same statements, same answers.
 */
class JdbcTelemetryStoreIT {
  private static final TestDatabases DATABASES = new TestDatabases("vigil_it");
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  @TempDir static Path folder;

  static Stream<String> databases() throws Exception {
    return DATABASES.urls(folder);
  }

  @AfterAll
  static void dropSchema() throws Exception {
    DATABASES.drop();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void storesEachUplinkOnceAndReadsItBack(String url) throws Exception {
    Database database = TestDatabases.migrated(url);
    database.migrate(); // a second start applies nothing twice
    try (JdbcTelemetryStore store = new JdbcTelemetryStore(database)) {
      List<Uplink> batch = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        batch.add(position(i));
      }
      assertEquals(50, store.storeBatch(batch));
      assertEquals(0, store.storeBatch(batch), "a redelivered batch stores nothing");

      var stored = store.positions("VEH-1", T0.plusSeconds(10), T0.plusSeconds(20), 100);
      assertEquals(10, stored.size());
      assertEquals(T0.plusSeconds(10), stored.get(0).fixTime());
      assertEquals(48.1 + 10 * 1e-5, stored.get(0).latDeg(), 1e-12);
      assertNull(stored.get(1).headingDeg(), "NaN heading is stored as unknown");
      assertEquals(3, stored.get(0).fixMode());

      AlertFactory alerts = new AlertFactory(Duration.ofSeconds(60));
      Uplink.AlarmReport first = alarm(100, "panic-a", T0.plusSeconds(30));
      Uplink.AlarmReport second = alarm(101, "panic-b", T0.plusSeconds(40));
      assertTrue(store.storeAlarm(first, alerts.fromAlarm(first)));
      assertFalse(
          store.storeAlarm(first, alerts.fromAlarm(first)), "a replayed alarm is no new alert");
      assertTrue(store.storeAlarm(second, alerts.fromAlarm(second)));
      List<ControlAlert> recent = store.recentAlerts(10);
      assertEquals(2, recent.size());
      assertEquals(alerts.fromAlarm(second).alertId(), recent.get(0).alertId(), "newest first");
      assertEquals(alerts.fromAlarm(first), recent.get(1));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void storesBatchesLargerThanOneMultiRowInsertAndCountsOnlyNewRows(String url) throws Exception {
    Database database = TestDatabases.migrated(url);
    try (JdbcTelemetryStore store = new JdbcTelemetryStore(database)) {
      List<Uplink> firstHalf = new ArrayList<>();
      List<Uplink> all = new ArrayList<>();
      for (int i = 0; i < 1201; i++) {
        all.add(position(10_000 + i));
        if (i < 600) {
          firstHalf.add(position(10_000 + i));
        }
      }
      assertEquals(600, store.storeBatch(firstHalf));
      assertEquals(601, store.storeBatch(all), "rows stored before are not counted again");
      var stored = store.positions("VEH-1", T0.plusSeconds(10_000), T0.plusSeconds(12_000), 5000);
      assertEquals(1201, stored.size());
      assertEquals(10_000 + 1201, stored.get(1200).seq());
    }
  }

  /** Ingest's telemetry writers call one store at once, each batch on a connection of its own. */
  @ParameterizedTest
  @MethodSource("databases")
  void writersStoringAtOnceEachCommitTheirOwnRows(String url) throws Exception {
    Database database = TestDatabases.migrated(url);
    try (JdbcTelemetryStore store = new JdbcTelemetryStore(database)) {
      int writers = 3;
      int batches = 20;
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(writers);
      try {
        List<java.util.concurrent.Future<Integer>> stored = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          int writer = w;
          stored.add(
              pool.submit(
                  () -> {
                    int rows = 0;
                    for (int b = 0; b < batches; b++) {
                      List<Uplink> batch = new ArrayList<>();
                      for (int i = 0; i < 50; i++) {
                        batch.add(position(20_000 + (writer * batches + b) * 50 + i));
                      }
                      rows += store.storeBatch(batch);
                    }
                    return rows;
                  }));
        }
        for (java.util.concurrent.Future<Integer> rows : stored) {
          assertEquals(batches * 50, rows.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }
      var rows = store.positions("VEH-1", T0.plusSeconds(20_000), T0.plusSeconds(30_000), 10_000);
      assertEquals(writers * batches * 50, rows.size());
    }
  }

  private static Uplink position(int i) {
    Position p =
        Position.newBuilder()
            .setFixTimeMs(T0.plusSeconds(i).toEpochMilli())
            .setLatDeg(48.1 + i * 1e-5)
            .setLonDeg(11.5)
            .setSpeedMps(10f)
            .setHeadingDeg(i % 2 == 0 ? 45f : Float.NaN)
            .setAltitudeM(Float.NaN)
            .setFixMode(FixMode.FIX_MODE_3D)
            .setSatellites(8)
            .setHdop(1.1f)
            .build();
    return new Uplink.PositionReport(
        new Uplink.Origin("dev-1", "VEH-1", i + 1, T0.plusSeconds(i)), p);
  }

  private static Uplink.AlarmReport alarm(long seq, String alarmId, Instant at) {
    Alarm alarm =
        Alarm.newBuilder()
            .setAlarmId(alarmId)
            .setType(AlarmType.PANIC)
            .setRaisedAtMs(at.toEpochMilli())
            .build();
    return new Uplink.AlarmReport(
        new Uplink.Origin("dev-1", "VEH-1", seq, at.plusMillis(250)), alarm);
  }
}
