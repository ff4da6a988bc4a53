package dev.vigil.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.alerts.AlarmAckSender;
import dev.vigil.gateway.alerts.AlertChange.Action;
import dev.vigil.gateway.alerts.AlertFactory;
import dev.vigil.gateway.alerts.AlertLifecycle;
import dev.vigil.gateway.alerts.AlertService;
import dev.vigil.gateway.alerts.AlertSink;
import dev.vigil.gateway.alerts.EscalationPolicy;
import dev.vigil.gateway.alerts.Resolution;
import dev.vigil.gateway.alerts.Step;
import dev.vigil.gateway.fleet.OfflineWatch;
import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.alert.AlertType;
import dev.vigil.protocol.alert.ControlAlert;
import dev.vigil.protocol.alert.Severity;
import dev.vigil.protocol.pb.Alarm;
import dev.vigil.protocol.pb.AlarmType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The alert store on H2 and on the machine's PostgreSQL (a fresh schema per run): raising, merging,
 * redelivery, changes with history, escalations claimed by two "gateways" at once (each fires
 * once), and the offline sweep.
 */
@Timeout(60)
class JdbcAlertStoreIT {
  private static final TestDatabases DATABASES = new TestDatabases("vigil_alerts");
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  @TempDir static Path folder;

  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private final Clock clock =
      new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  private final List<ControlAlert> published = new CopyOnWriteArrayList<>();

  static Stream<String> databases() throws Exception {
    return DATABASES.urls(folder);
  }

  @AfterAll
  static void dropSchema() throws Exception {
    DATABASES.drop();
  }

  private static Database fresh(String url) throws Exception {
    Database database = TestDatabases.migrated(url);
    if (url.contains("postgresql")) {
      try (Connection c = database.connect();
          Statement s = c.createStatement()) {
        s.execute("TRUNCATE alerts, alarms, alert_events, alert_vehicle_locks, device_presence");
      }
    }
    return database;
  }

  private AlertService service(JdbcAlertStore store, EscalationPolicy policy) {
    return new AlertService(
        store,
        new AlertFactory(Duration.ofSeconds(60)),
        new AlertLifecycle(policy, Duration.ofMinutes(10)),
        List.<AlertSink>of(
            alert -> {
              published.add(alert);
              return CompletableFuture.completedFuture(null);
            }),
        new AlarmAckSender(id -> Optional.empty(), (t, p) -> {}),
        clock);
  }

  private static Uplink.AlarmReport alarm(
      String vehicle, long seq, String alarmId, String trip, Instant at) {
    Alarm alarm =
        Alarm.newBuilder()
            .setAlarmId(alarmId)
            .setType(AlarmType.PANIC)
            .setRaisedAtMs(at.toEpochMilli())
            .setTripId(trip)
            .build();
    return new Uplink.AlarmReport(new Uplink.Origin("dev-" + vehicle, vehicle, seq, at), alarm);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void repeatsMergeRedeliveriesAreIgnoredAndEveryChangeIsInTheHistory(String url) throws Exception {
    Database database = fresh(url);
    EscalationPolicy policy = EscalationPolicy.defaults();
    try (JdbcAlertStore store = new JdbcAlertStore(database, policy::nextAt)) {
      AlertService alerts = service(store, policy);
      Step.Changed first = alerts.store(alarm("V1", 1, "p-1", "trip-1", T0)).orElseThrow();
      assertEquals(Action.RAISED, first.change().action());
      assertEquals(Optional.empty(), alerts.store(alarm("V1", 1, "p-1", "trip-1", T0)), "same seq");
      assertEquals(Optional.empty(), alerts.store(alarm("V1", 9, "p-1", "trip-1", T0)), "resent");
      Step.Changed repeat =
          alerts.store(alarm("V1", 2, "p-2", "trip-1", T0.plusSeconds(5))).orElseThrow();
      assertEquals(Action.MERGED, repeat.change().action());
      assertEquals(first.alert().alertId(), repeat.alert().alertId());
      assertEquals(2, alerts.find(first.alert().alertId()).orElseThrow().progress().count());
      Step.Changed otherTrip =
          alerts.store(alarm("V1", 3, "p-3", "trip-2", T0.plusSeconds(6))).orElseThrow();
      assertEquals(Action.RAISED, otherTrip.change().action());
      assertEquals(List.of("p-1", "p-2"), store.alarmIds(first.alert().alertId()));

      now.set(T0.plusSeconds(20));
      Step taken = alerts.acknowledge(first.alert().alertId(), "anna", "on it").orElseThrow();
      assertEquals(
          AlertState.ACKNOWLEDGED, assertInstanceOf(Step.Changed.class, taken).alert().state());
      assertInstanceOf(
          Step.Refused.class, alerts.acknowledge(first.alert().alertId(), "ben", "").orElseThrow());
      alerts.resolve(first.alert().alertId(), "ben", Resolution.FALSE_ALARM, "child pressed it");
      assertEquals(Optional.empty(), alerts.acknowledge("no-such-alert", "anna", ""));

      var history = alerts.history(first.alert().alertId());
      assertEquals(
          List.of(Action.RAISED, Action.MERGED, Action.ACKNOWLEDGED, Action.RESOLVED),
          history.stream().map(h -> h.action()).toList());
      assertEquals("ben", history.get(3).who());
      assertEquals("child pressed it", history.get(3).note());
      assertEquals(AlertState.ACKNOWLEDGED, history.get(3).from());
      ControlAlert closed = alerts.find(first.alert().alertId()).orElseThrow();
      assertEquals(AlertState.RESOLVED, closed.state());
      assertEquals("FALSE_ALARM", closed.progress().resolution());
      assertEquals(
          List.of(AlertState.ACKNOWLEDGED, AlertState.RESOLVED),
          published.stream().map(ControlAlert::state).toList(),
          "every operator's change was published (raising is published by ingest, after the ack)");
      Step.Changed after =
          alerts.store(alarm("V1", 4, "p-4", "trip-1", T0.plusSeconds(30))).orElseThrow();
      assertEquals(Action.RAISED, after.change().action(), "a resolved alert takes no repeats");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void twoGatewaysSweepingAtOnceEscalateEachAlertExactlyOncePerLevel(String url) throws Exception {
    Database database = fresh(url);
    EscalationPolicy policy =
        new EscalationPolicy(
            Map.of(Severity.CRITICAL, List.of(Duration.ofSeconds(60), Duration.ofSeconds(120))));
    int alertCount = 40;
    try (JdbcAlertStore a = new JdbcAlertStore(database, policy::nextAt);
        JdbcAlertStore b = new JdbcAlertStore(database, policy::nextAt)) {
      AlertService gatewayA = service(a, policy);
      AlertService gatewayB = service(b, policy);
      for (int i = 0; i < alertCount; i++) {
        gatewayA.store(alarm("V" + i, 1, "p-" + i, "", T0)).orElseThrow();
      }
      published.clear();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        for (int second = 0; second <= 130; second += 5) {
          now.set(T0.plusSeconds(second));
          List<Future<Integer>> sweeps = new ArrayList<>();
          for (AlertService gateway : List.of(gatewayA, gatewayB, gatewayA, gatewayB)) {
            sweeps.add(pool.submit(() -> sweepAll(gateway)));
          }
          int escalated = 0;
          for (Future<Integer> sweep : sweeps) {
            escalated += sweep.get();
          }
          int expected = second == 60 || second == 120 ? alertCount : 0;
          assertEquals(expected, escalated, "escalations at " + second + " s");
        }
      } finally {
        pool.shutdownNow();
      }
    }
    assertEquals(2 * alertCount, published.size(), "each level of each alert published once");
    assertEquals(
        2 * alertCount,
        count(database, "SELECT COUNT(*) FROM alert_events WHERE action = 'ESCALATED'"));
    assertEquals(
        alertCount,
        count(
            database,
            "SELECT COUNT(*) FROM alert_events WHERE action = 'ESCALATED' AND escalation_level = 2"));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aChangeCommittedByAGatewayThatDiedBeforeItsSinksIsSentOnceByAnother(String url)
      throws Exception {
    Database database = fresh(url);
    EscalationPolicy policy = EscalationPolicy.defaults();
    try (JdbcAlertStore a = new JdbcAlertStore(database, policy::nextAt);
        JdbcAlertStore b = new JdbcAlertStore(database, policy::nextAt)) {
      AlertService died = service(a, policy);
      AlertService alive = service(b, policy);
      Step.Changed lost = died.store(alarm("V9", 1, "p-1", "", T0)).orElseThrow();
      Step.Changed sent = died.store(alarm("V8", 1, "p-1", "", T0)).orElseThrow();
      died.publish(sent);
      published.clear();
      now.set(T0.plusSeconds(4));
      assertEquals(0, alive.republishStale(Duration.ofSeconds(5), 10), "within the grace");
      now.set(T0.plusSeconds(6));
      assertEquals(1, alive.republishStale(Duration.ofSeconds(5), 10));
      assertEquals(0, died.republishStale(Duration.ofSeconds(5), 10), "sent once");
      assertEquals(List.of(lost.alert()), published);
      assertTrue(lost.change().eventId() > 0);
    }
  }

  private static int sweepAll(AlertService gateway) throws Exception {
    int total = 0;
    for (int n = gateway.escalateDue(7); n > 0; n = gateway.escalateDue(7)) {
      total += n;
    }
    return total;
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aSilentVehicleWithItsIgnitionOnRaisesDeviceOfflineOnceAndClosesItWhenBack(String url)
      throws Exception {
    Database database = fresh(url);
    EscalationPolicy policy = EscalationPolicy.defaults();
    PresenceStore presence = new PresenceStore(database);
    Duration after = Duration.ofSeconds(120);
    try (JdbcAlertStore store = new JdbcAlertStore(database, policy::nextAt)) {
      AlertService alerts = service(store, policy);
      OfflineWatch watch = new OfflineWatch(alerts, after);
      presence.recordSeen(
          List.of(
              seen("on", T0, true),
              seen("off", T0, false),
              seen("fresh", T0.plusSeconds(100), true)));
      presence.recordSeen(List.of(seen("on", T0.minusSeconds(50), false)));
      assertEquals(0, presence.sweepOffline(T0.plusSeconds(120), after, 10, watch));
      assertEquals(1, presence.sweepOffline(T0.plusSeconds(121), after, 10, watch));
      assertEquals(0, presence.sweepOffline(T0.plusSeconds(200), after, 10, watch), "once");
      assertEquals(1, published.size(), published.toString());
      ControlAlert offline = published.get(0);
      assertEquals(AlertType.DEVICE_OFFLINE, offline.type());
      assertEquals("dev-on", offline.deviceId());
      assertEquals(T0.toString(), offline.details().get("lastSeenAt"));

      presence.recordSeen(
          List.of(seen("on", T0.plusSeconds(300), true), seen("fresh", T0.plusSeconds(300), true)));
      assertEquals(1, presence.sweepOffline(T0.plusSeconds(301), after, 10, watch));
      ControlAlert back = alerts.find(offline.alertId()).orElseThrow();
      assertEquals(AlertState.RESOLVED, back.state());
      assertEquals("BACK_ONLINE", back.progress().resolution());
      assertEquals(0, presence.sweepOffline(T0.plusSeconds(302), after, 10, watch));
    }
  }

  private static PresenceStore.Seen seen(String id, Instant at, boolean ignition) {
    return new PresenceStore.Seen(
        "dev-" + id, "V-" + id, at, new PresenceStore.HealthSeen(at, ignition, true, null));
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
