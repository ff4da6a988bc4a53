package dev.vigil.gateway.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.gateway.media.MediaFiles;
import dev.vigil.gateway.media.MediaRepository;
import dev.vigil.gateway.media.MediaRetention;
import dev.vigil.gateway.store.Database;
import dev.vigil.gateway.sweep.ClaimedJobs;
import dev.vigil.gateway.sweep.ClaimedJobs.Outcome;
import dev.vigil.gateway.sweep.JobRunner;
import dev.vigil.protocol.media.Hashes;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Retention on H2 and on the machine's PostgreSQL (a fresh schema per test): old rows go in
 * batches, new rows and unresolved alerts stay; two runners sharing one database run each job once
 * per period; a runner that died holding a claim is taken over once its lease runs out.
 */
@Timeout(120)
class RetentionIT {
  private static final String POSTGRES =
      System.getProperty("vigil.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Duration INTERVAL = Duration.ofMinutes(10);

  /** Small batches, so that each job takes several. */
  private static final RetentionSettings SETTINGS =
      new RetentionSettings(
          Duration.ofDays(90),
          Duration.ofDays(30),
          Duration.ofDays(365),
          Duration.ofDays(365),
          Duration.ofDays(365),
          INTERVAL,
          LEASE,
          7);

  @TempDir Path folder;
  private final List<String> schemas = new ArrayList<>();
  private final List<Connection> keepers = new ArrayList<>();
  private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  @AfterEach
  void dropSchemas() throws Exception {
    for (Connection keeper : keepers) {
      keeper.close();
    }
    try (Connection c = DriverManager.getConnection(POSTGRES, "postgres", "");
        Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private Database fresh(String kind) throws Exception {
    String url;
    if (kind.equals("postgresql")) {
      String schema = "vigil_retention_" + UUID.randomUUID().toString().substring(0, 8);
      try (Connection c = DriverManager.getConnection(POSTGRES, "postgres", "");
          Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      }
      schemas.add(schema);
      url = POSTGRES + "?currentSchema=" + schema;
    } else {
      url = "jdbc:h2:file:" + folder.resolve("h2-" + UUID.randomUUID());
    }
    Database database = new Database(url, kind.equals("postgresql") ? "postgres" : "", "");
    database.migrate();
    if (kind.equals("h2")) {
      // An embedded H2 file closes with its last connection and reopens on the next; a running
      // gateway always holds some open (its writers), and so does this test.
      keepers.add(database.connect());
    }
    return database;
  }

  private JobRunner runner(Database database, String id, Optional<MediaRetention> media) {
    return new JobRunner(
        new ClaimedJobs(database),
        id,
        LEASE,
        RetentionJobs.of(SETTINGS, new RetentionSql(database), media),
        clock);
  }

  private static void register(Database database, List<String> jobs) throws Exception {
    ClaimedJobs claimed = new ClaimedJobs(database);
    for (String job : jobs) {
      claimed.register(job, NOW);
    }
  }

  private static final List<String> TABLE_JOBS =
      List.of(
          "retention.positions",
          "retention.health",
          "retention.events",
          "retention.trips",
          "retention.resolved-alerts");

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void oldRowsGoInBatchesWhileNewRowsAndUnresolvedAlertsStay(String kind) throws Exception {
    Database database = fresh(kind);
    Rows rows = new Rows(database);
    for (int seq = 1; seq <= 20; seq++) {
      rows.position("dev-1", seq, NOW.minus(DAY.multipliedBy(91)).plusSeconds(seq));
      rows.position("dev-1", 100 + seq, NOW.minus(DAY.multipliedBy(89)).plusSeconds(seq));
    }
    for (int seq = 1; seq <= 9; seq++) {
      rows.health("dev-1", seq, NOW.minus(DAY.multipliedBy(31)));
      rows.health("dev-1", 100 + seq, NOW.minus(DAY.multipliedBy(29)));
      rows.event("dev-1", seq, NOW.minus(DAY.multipliedBy(366)));
      rows.event("dev-1", 100 + seq, NOW.minus(DAY.multipliedBy(364)));
    }
    Instant old = NOW.minus(DAY.multipliedBy(400));
    rows.alert("old-resolved", "RESOLVED", old, 3);
    rows.alert("new-resolved", "RESOLVED", NOW.minus(DAY.multipliedBy(300)), 2);
    for (String state : List.of("OPEN", "ACKNOWLEDGED", "ESCALATED")) {
      rows.alert("old-" + state, state, old, 2);
    }
    rows.alert("held", "RESOLVED", old, 1);
    rows.mediaItem(Hashes.mediaId(new byte[] {1}), "held", old, true);
    rows.alert("with-media", "RESOLVED", old, 1);
    MediaFiles files = new MediaFiles(folder.resolve("media-" + kind));
    byte[] sealed = "sealed recording".getBytes(StandardCharsets.UTF_8);
    String expired = Hashes.mediaId(sealed);
    files.put(expired, sealed);
    rows.mediaItem(expired, "with-media", NOW.minus(Duration.ofHours(73)), false);
    rows.trip("old-ended", old, Optional.of(old));
    rows.trip("new-ended", old, Optional.of(NOW.minus(DAY.multipliedBy(10))));
    rows.trip("running", old, Optional.empty());
    MediaRepository repository = new MediaRepository(database);
    MediaRetention media = new MediaRetention(repository, files, Duration.ofHours(72));

    JobRunner runner = runner(database, "gw-a", Optional.of(media));
    register(database, concat(TABLE_JOBS, "retention.media"));
    assertEquals(6, runner.runDue());

    assertEquals(20, rows.count("positions"));
    assertEquals(0, rows.count("positions WHERE seq <= 20"), "the old ones went");
    assertEquals(9, rows.count("health_reports"));
    assertEquals(0, rows.count("health_reports WHERE seq <= 9"));
    assertEquals(9, rows.count("events"));
    assertEquals(0, rows.count("events WHERE seq <= 9"));
    assertEquals(
        List.of("held", "new-resolved", "old-ACKNOWLEDGED", "old-ESCALATED", "old-OPEN"),
        rows.ids("SELECT alert_id FROM alerts WHERE alert_id <> 'with-media' ORDER BY alert_id"));
    assertEquals(1, rows.count("alerts WHERE alert_id = 'with-media'"), "kept: it had a recording");
    assertEquals(0, rows.count("alert_events WHERE alert_id = 'old-resolved'"));
    assertEquals(0, rows.count("alarms WHERE alert_id = 'old-resolved'"));
    assertEquals(0, rows.count("media_manifests WHERE alert_id = 'old-resolved'"));
    assertEquals(2, rows.count("alert_events WHERE alert_id = 'old-OPEN'"));
    assertEquals(1, rows.count("alarms WHERE alert_id = 'old-ESCALATED'"));
    assertEquals(
        List.of("new-ended", "running"), rows.ids("SELECT trip_id FROM trips ORDER BY trip_id"));
    assertTrue(repository.item(expired).isEmpty(), "the expired recording went");
    assertFalse(
        folder
            .resolve("media-" + kind)
            .resolve("objects")
            .resolve(expired.substring(0, 2))
            .resolve(expired)
            .toFile()
            .exists(),
        "its file too");
    assertTrue(repository.item(Hashes.mediaId(new byte[] {1})).isPresent(), "legal hold stays");

    Map<String, Long> removed = rowsByJob(new ClaimedJobs(database).history(100));
    assertEquals(20L, removed.get("retention.positions"));
    assertEquals(9L, removed.get("retention.health"));
    assertEquals(9L, removed.get("retention.events"));
    assertEquals(1L, removed.get("retention.trips"));
    assertEquals(
        1L + 3L + 1L + 1L,
        removed.get("retention.resolved-alerts"),
        "old-resolved: the alert, its 3 changes, its alarm and its manifest");
    assertEquals(1L, removed.get("retention.media"));

    now.set(NOW.plus(INTERVAL).plusSeconds(1));
    assertEquals(6, runner.runDue(), "the next period");
    assertEquals(0, rows.count("alerts WHERE alert_id = 'with-media'"), "its recording is gone");
    assertEquals(
        List.of("held", "new-resolved", "old-ACKNOWLEDGED", "old-ESCALATED", "old-OPEN"),
        rows.ids("SELECT alert_id FROM alerts ORDER BY alert_id"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void twoGatewaysSharingTheDatabaseRunEachJobOncePerPeriod(String kind) throws Exception {
    Database database = fresh(kind);
    Rows rows = new Rows(database);
    for (int seq = 1; seq <= 30; seq++) {
      rows.position("dev-2", seq, NOW.minus(DAY.multipliedBy(100)));
    }
    // Two gateways: each its own connections, claims and runner, one database.
    Database other = new Database(database.url(), kind.equals("postgresql") ? "postgres" : "", "");
    JobRunner a = runner(database, "gw-a", Optional.empty());
    JobRunner b = runner(other, "gw-b", Optional.empty());
    register(database, TABLE_JOBS);

    assertEquals(TABLE_JOBS.size(), raceRounds(a, b, 8), "each due job ran once in the period");
    List<ClaimedJobs.Run> runs = new ClaimedJobs(database).history(100);
    assertEquals(TABLE_JOBS.size(), runs.size(), runs::toString);
    assertEquals(
        TABLE_JOBS.stream().sorted().toList(),
        runs.stream().map(ClaimedJobs.Run::job).sorted().toList());
    assertTrue(runs.stream().allMatch(r -> r.outcome() == Outcome.OK), runs::toString);
    assertEquals(30L, rowsByJob(runs).get("retention.positions"));
    assertEquals(0, rows.count("positions"));

    now.set(NOW.plus(INTERVAL).minusSeconds(1));
    assertEquals(0, raceRounds(a, b, 3), "not due again within the period");
    now.set(NOW.plus(INTERVAL).plusSeconds(1));
    assertEquals(TABLE_JOBS.size(), raceRounds(a, b, 8), "the next period: once again");
    assertEquals(2 * TABLE_JOBS.size(), new ClaimedJobs(database).history(100).size());
  }

  /** Both runners look for due jobs at once, {@code rounds} times; returns the runs made. */
  private static int raceRounds(JobRunner a, JobRunner b, int rounds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      int ran = 0;
      for (int round = 0; round < rounds; round++) {
        CountDownLatch go = new CountDownLatch(1);
        Callable<Integer> runA = () -> awaitThenRun(go, a);
        Callable<Integer> runB = () -> awaitThenRun(go, b);
        Future<Integer> fa = pool.submit(runA);
        Future<Integer> fb = pool.submit(runB);
        go.countDown();
        ran += fa.get() + fb.get();
      }
      return ran;
    } finally {
      pool.shutdownNow();
    }
  }

  private static int awaitThenRun(CountDownLatch go, JobRunner runner) throws Exception {
    go.await();
    return runner.runDue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aClaimWhoseRunnerDiedIsTakenOverAfterTheLeaseExpires(String kind) throws Exception {
    Database database = fresh(kind);
    Rows rows = new Rows(database);
    for (int seq = 1; seq <= 10; seq++) {
      rows.position("dev-3", seq, NOW.minus(DAY.multipliedBy(100)));
    }
    ClaimedJobs jobs = new ClaimedJobs(database);
    register(database, TABLE_JOBS);
    ClaimedJobs.Claim dead = jobs.claim("retention.positions", "gw-dead", NOW, LEASE).orElseThrow();
    JobRunner b = runner(database, "gw-b", Optional.empty());

    now.set(NOW.plus(LEASE).minusSeconds(1));
    assertEquals(TABLE_JOBS.size() - 1, b.runDue(), "everything but the claimed job");
    assertEquals(10, rows.count("positions"), "its lease is still running");

    now.set(NOW.plus(LEASE).plusSeconds(1));
    assertEquals(1, b.runDue(), "the lease expired: taken over");
    assertEquals(0, rows.count("positions"));
    List<ClaimedJobs.Run> positions =
        jobs.history(100).stream().filter(r -> r.job().equals("retention.positions")).toList();
    assertEquals(2, positions.size(), positions::toString);
    assertEquals("gw-b", positions.get(0).runner());
    assertEquals(Outcome.OK, positions.get(0).outcome());
    assertEquals(10, positions.get(0).rowsAffected());
    assertEquals("gw-dead", positions.get(1).runner());
    assertEquals(Outcome.ABANDONED, positions.get(1).outcome());
    assertTrue(positions.get(1).finishedAt().isEmpty());

    // Had the first runner only been slow, it can no longer renew, nor move the schedule.
    assertFalse(jobs.renew(dead, now.get(), LEASE));
    jobs.finish(dead, Outcome.LEASE_LOST, 0, "late", now.get(), NOW);
    ClaimedJobs.Job job =
        jobs.jobs().stream()
            .filter(j -> j.job().equals("retention.positions"))
            .findFirst()
            .orElseThrow();
    assertEquals(now.get().plus(INTERVAL), job.nextRunAt(), "b's schedule holds");
    assertTrue(job.claimedBy().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aFailedRunWaitsAPeriodAndAStoppedOneIsDueAgainAtOnce(String kind) throws Exception {
    Database database = fresh(kind);
    ClaimedJobs jobs = new ClaimedJobs(database);
    AtomicReference<JobRunner> self = new AtomicReference<>();
    JobRunner runner =
        new JobRunner(
            jobs,
            "gw-s",
            LEASE,
            List.of(
                new JobRunner.Scheduled(
                    "test.fails",
                    INTERVAL,
                    (at, progress) -> {
                      progress.record(2);
                      throw new IllegalStateException("disk on fire");
                    }),
                new JobRunner.Scheduled(
                    "test.stops",
                    INTERVAL,
                    (at, progress) -> {
                      self.get().close();
                      progress.record(3);
                      throw new AssertionError("a stopping runner goes no further");
                    })),
            clock);
    self.set(runner);
    register(database, List.of("test.fails", "test.stops"));
    assertEquals(2, runner.runDue());

    Map<String, ClaimedJobs.Run> runs =
        jobs.history(10).stream().collect(Collectors.toMap(ClaimedJobs.Run::job, r -> r));
    assertEquals(Outcome.FAILED, runs.get("test.fails").outcome());
    assertEquals("disk on fire", runs.get("test.fails").note());
    assertEquals(2, runs.get("test.fails").rowsAffected());
    assertEquals(Outcome.STOPPED, runs.get("test.stops").outcome());
    assertEquals(3, runs.get("test.stops").rowsAffected());
    Map<String, Instant> next =
        jobs.jobs().stream()
            .collect(Collectors.toMap(ClaimedJobs.Job::job, ClaimedJobs.Job::nextRunAt));
    assertEquals(NOW.plus(INTERVAL), next.get("test.fails"));
    assertEquals(NOW, next.get("test.stops"));
    assertTrue(jobs.claim("test.stops", "gw-t", NOW, LEASE).isPresent(), "another takes it now");
    assertTrue(jobs.claim("test.fails", "gw-t", NOW, LEASE).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void theOperatorReadsTheRunsOverHttp(String kind) throws Exception {
    Database database = fresh(kind);
    new Rows(database).position("dev-4", 1, NOW.minus(DAY.multipliedBy(100)));
    Retention retention =
        new Retention(
            database,
            SETTINGS,
            Optional.empty(),
            Optional.of(Duration.ofHours(72)),
            "gw-http",
            clock);
    Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
    retention.register(app);
    app.start("127.0.0.1", 0);
    try {
      register(database, TABLE_JOBS);
      runner(database, "gw-http", Optional.empty()).runDue();
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + app.port() + "/api/retention?limit=3"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
      JsonNode body = new ObjectMapper().readTree(response.body());
      assertEquals("90d", body.get("kept").get("positions").asText());
      assertEquals("72h", body.get("kept").get("media").asText());
      assertEquals(TABLE_JOBS.size(), body.get("jobs").size());
      assertEquals(3, body.get("runs").size(), "limited to 3");
      JsonNode positions =
          new ObjectMapper()
              .readTree(
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(
                                  URI.create("http://127.0.0.1:" + app.port() + "/api/retention"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body())
              .get("runs");
      boolean found = false;
      for (JsonNode run : positions) {
        if (run.get("job").asText().equals("retention.positions")) {
          assertEquals("gw-http", run.get("by").asText());
          assertEquals(1, run.get("rows").asInt());
          assertEquals("OK", run.get("outcome").asText());
          found = true;
        }
      }
      assertTrue(found, positions::toString);
      HttpResponse<String> bad =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + app.port() + "/api/retention?limit=0"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(400, bad.statusCode());
    } finally {
      app.stop();
      retention.close();
    }
  }

  private static Map<String, Long> rowsByJob(List<ClaimedJobs.Run> runs) {
    return runs.stream()
        .collect(
            Collectors.groupingBy(
                ClaimedJobs.Run::job, Collectors.summingLong(ClaimedJobs.Run::rowsAffected)));
  }

  private static List<String> concat(List<String> list, String more) {
    List<String> all = new ArrayList<>(list);
    all.add(more);
    return all;
  }

  /** Rows written straight into the tables, as the stores would. */
  private record Rows(Database database) {
    void position(String device, long seq, Instant fixTime) throws Exception {
      insert(
          "INSERT INTO positions (device_id, seq, vehicle_id, fix_time, received_at, lat_deg,"
              + " lon_deg, speed_mps, fix_mode) VALUES (?, ?, 'veh', ?, ?, 52.5, 13.4, 3.0, 3)",
          device,
          seq,
          utc(fixTime),
          utc(fixTime.plusSeconds(2)));
    }

    void health(String device, long seq, Instant receivedAt) throws Exception {
      insert(
          "INSERT INTO health_reports (device_id, seq, at_time, received_at, gnss_ok, ignition_on,"
              + " outbox_records) VALUES (?, ?, ?, ?, TRUE, TRUE, 0)",
          device,
          seq,
          utc(receivedAt),
          utc(receivedAt));
    }

    void event(String device, long seq, Instant receivedAt) throws Exception {
      insert(
          "INSERT INTO events (device_id, seq, vehicle_id, type, at_time, received_at)"
              + " VALUES (?, ?, 'veh', 'HARSH_BRAKING', ?, ?)",
          device,
          seq,
          utc(receivedAt),
          utc(receivedAt));
    }

    /** An alert last changed at {@code updatedAt}, with one alarm and {@code events} changes. */
    void alert(String id, String state, Instant updatedAt, int events) throws Exception {
      insert(
          "INSERT INTO alerts (alert_id, type, severity, state, vehicle_id, device_id,"
              + " raised_at, received_at, late, alert_json, updated_at, version)"
              + " VALUES (?, 'PANIC', 'CRITICAL', ?, 'veh', 'dev-1', ?, ?, FALSE, '{}', ?, 1)",
          id,
          state,
          utc(updatedAt.minusSeconds(60)),
          utc(updatedAt.minusSeconds(60)),
          utc(updatedAt));
      insert(
          "INSERT INTO alarms (device_id, seq, alarm_id, vehicle_id, type, raised_at, received_at,"
              + " alert_id) VALUES ('dev-1', ?, ?, 'veh', 'PANIC', ?, ?, ?)",
          (long) id.hashCode(),
          "alarm-" + id,
          utc(updatedAt),
          utc(updatedAt),
          id);
      for (int i = 0; i < events; i++) {
        insert(
            "INSERT INTO alert_events (alert_id, action, to_state, who, at_time, note,"
                + " escalation_level, alert_json) VALUES (?, 'RAISED', ?, 'gw', ?, '', 0, '{}')",
            id,
            state,
            utc(updatedAt));
      }
      insert(
          "INSERT INTO media_manifests VALUES (?, 'dev-1', ?, ?, ?, TRUE, ?)",
          Hashes.mediaId(id.getBytes(StandardCharsets.UTF_8)),
          "alarm-" + id,
          id,
          new byte[] {1, 2},
          utc(updatedAt));
    }

    void mediaItem(String mediaId, String alertId, Instant receivedAt, boolean held)
        throws Exception {
      insert(
          "INSERT INTO media_items VALUES (?, 'dev-1', ?, ?, 1, 'cabin', 0, 1000, ?, 16, ?, ?, ?)",
          mediaId,
          "alarm-" + alertId,
          alertId,
          mediaId,
          utc(receivedAt),
          utc(receivedAt),
          held);
    }

    void trip(String id, Instant createdAt, Optional<Instant> endedAt) throws Exception {
      insert(
          "INSERT INTO trips (trip_id, vehicle_id, created_at, ended_at, plan_json)"
              + " VALUES (?, 'veh', ?, ?, '{}')",
          id,
          utc(createdAt),
          endedAt.map(RetentionIT::utc).orElse(null));
    }

    long count(String tableAndWhere) throws Exception {
      try (Connection c = database.connect();
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + tableAndWhere)) {
        r.next();
        return r.getLong(1);
      }
    }

    List<String> ids(String sql) throws Exception {
      List<String> ids = new ArrayList<>();
      try (Connection c = database.connect();
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery(sql)) {
        while (r.next()) {
          ids.add(r.getString(1));
        }
      }
      return ids;
    }

    private void insert(String sql, Object... args) throws Exception {
      try (Connection c = database.connect();
          PreparedStatement s = c.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) {
          if (args[i] == null) {
            s.setNull(i + 1, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
          } else {
            s.setObject(i + 1, args[i]);
          }
        }
        s.executeUpdate();
      }
    }
  }

  private static java.time.OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
