package dev.vigil.gateway.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.store.Database;
import dev.vigil.gateway.store.JdbcTelemetryStore;
import dev.vigil.gateway.store.Uplink;
import dev.vigil.gateway.sweep.ClaimedJobs;
import dev.vigil.gateway.sweep.JobRunner;
import dev.vigil.protocol.pb.FixMode;
import dev.vigil.protocol.pb.Position;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * scripts/partition-positions.sql on the machine's PostgreSQL (a fresh schema per test): the
 * conversion keeps every row, ingest still refuses a redelivered message, old months are dropped
 * whole, and the retention job still works on the partitioned table.
 */
@Timeout(120)
class PartitionPositionsIT {
  private static final String POSTGRES =
      System.getProperty("vigil.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final Path SCRIPT = Path.of("../scripts/partition-positions.sql");
  private static final Duration DAY = Duration.ofDays(1);

  private final String schema = "vigil_partition_" + UUID.randomUUID().toString().substring(0, 8);
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @AfterEach
  void dropSchema() throws Exception {
    try (Connection c = DriverManager.getConnection(POSTGRES, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private Database fresh() throws Exception {
    try (Connection c = DriverManager.getConnection(POSTGRES, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    Database database = new Database(POSTGRES + "?currentSchema=" + schema, "postgres", "");
    database.migrate();
    return database;
  }

  @Test
  void partitionedPositionsKeepEveryRowRefuseRedeliveriesAndDropOldMonthsWhole() throws Exception {
    Database database = fresh();
    List<Uplink> backlog = new ArrayList<>();
    long seq = 1;
    for (int daysAgo : new int[] {200, 150, 120, 95, 91, 60, 30, 1, 0}) {
      for (int i = 0; i < 5; i++) {
        backlog.add(position(seq++, now.minus(DAY.multipliedBy(daysAgo)).plusSeconds(i)));
      }
    }
    // A receiver reporting a wild date: it lands in the default partition.
    backlog.add(position(seq++, Instant.parse("2099-01-01T00:00:00Z")));
    try (JdbcTelemetryStore store = new JdbcTelemetryStore(database)) {
      assertEquals(backlog.size(), store.storeBatch(backlog));
    }

    run(database, Files.readString(SCRIPT));
    assertEquals(backlog.size(), scalar(database, "SELECT vigil_partition_positions(3)"));
    assertEquals(1, scalar(database, partitioned()), "positions is partitioned now");
    assertEquals(backlog.size(), scalar(database, "SELECT COUNT(*) FROM positions"));
    assertEquals(1, scalar(database, "SELECT COUNT(*) FROM positions_default"));
    assertTrue(
        scalar(database, partitionCount()) >= 8, "a partition per month from the oldest fix");
    SQLException twice =
        assertThrows(
            SQLException.class, () -> scalar(database, "SELECT vigil_partition_positions(3)"));
    assertTrue(twice.getMessage().contains("partitioned already"), twice.getMessage());

    try (JdbcTelemetryStore store = new JdbcTelemetryStore(database)) {
      List<Uplink> again = new ArrayList<>(backlog.subList(0, 10));
      again.add(position(seq, now.plusSeconds(30)));
      assertEquals(1, store.storeBatch(again), "redelivered rows are refused, the new one stored");
      assertEquals(
          6, store.positions("VEH-P", now.minusSeconds(1), now.plusSeconds(60), 100).size());
    }

    int dropped = (int) scalar(database, "SELECT vigil_positions_maintain(90, 3)");
    // A month ends at most 31 days after any fix in it: fixes 121 days old or more are in months
    // wholly past 90 days, the oldest of which (200 days) is at least 3 months back.
    assertTrue(dropped >= 3, "the months wholly older than 90 days went: " + dropped);
    assertEquals(0, scalar(database, countOlderThan(121)), "nothing from those months is left");
    assertEquals(4 * 5 + 1 + 1, scalar(database, countNewerThan(90)), "the last 90 days stay");
    assertEquals(0, scalar(database, "SELECT vigil_positions_maintain(90, 3)"), "done already");

    // The retention job deletes the remainder of the oldest month left, row by row.
    JobRunner runner =
        new JobRunner(
            new ClaimedJobs(database),
            "gw-p",
            Duration.ofMinutes(5),
            RetentionJobs.of(settings(), new RetentionSql(database), Optional.empty()),
            Clock.fixed(now, ZoneOffset.UTC));
    new ClaimedJobs(database).register("retention.positions", now);
    assertEquals(1, runner.runDue());
    assertEquals(0, scalar(database, countOlderThan(90)), "past the retention: none");
    assertEquals(4 * 5 + 1 + 1, scalar(database, "SELECT COUNT(*) FROM positions"));
  }

  private static RetentionSettings settings() {
    return new RetentionSettings(
        Duration.ofDays(90),
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ofMinutes(10),
        Duration.ofMinutes(5),
        2);
  }

  private String countOlderThan(int days) {
    return "SELECT COUNT(*) FROM positions WHERE fix_time < TIMESTAMPTZ '"
        + now.minus(DAY.multipliedBy(days))
        + "'";
  }

  private String countNewerThan(int days) {
    return "SELECT COUNT(*) FROM positions WHERE fix_time >= TIMESTAMPTZ '"
        + now.minus(DAY.multipliedBy(days))
        + "'";
  }

  private static String partitioned() {
    return "SELECT COUNT(*) FROM pg_partitioned_table WHERE partrelid = 'positions'::regclass";
  }

  private static String partitionCount() {
    return "SELECT COUNT(*) FROM pg_inherits WHERE inhparent = 'positions'::regclass";
  }

  private static Uplink position(long seq, Instant fixTime) {
    Position p =
        Position.newBuilder()
            .setFixTimeMs(fixTime.toEpochMilli())
            .setLatDeg(48.1)
            .setLonDeg(11.5)
            .setSpeedMps(10f)
            .setHeadingDeg(45f)
            .setAltitudeM(Float.NaN)
            .setFixMode(FixMode.FIX_MODE_3D)
            .setSatellites(8)
            .setHdop(1.1f)
            .build();
    return new Uplink.PositionReport(
        new Uplink.Origin("dev-p", "VEH-P", seq, fixTime.plusSeconds(1)), p);
  }

  private static void run(Database database, String sql) throws Exception {
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long scalar(Database database, String sql) throws SQLException {
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
