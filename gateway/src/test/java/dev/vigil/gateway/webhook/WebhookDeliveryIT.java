package dev.vigil.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.store.Database;
import dev.vigil.gateway.store.TestDatabases;
import dev.vigil.protocol.alert.AlertJson;
import dev.vigil.protocol.alert.ControlAlert;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tinylog.Logger;

/**
 * The webhook sink against a real HTTP receiver that checks every signature itself, on H2 and on
 * the machine's PostgreSQL (a fresh schema per run): retries until a 2xx, a refusal given up,
 * timeouts retried, a delivery held by a dead gateway taken over after its lease, and two
 * deliverers sharing the database delivering each alert exactly once.
 */
@Timeout(120)
class WebhookDeliveryIT {
  private static final TestDatabases DATABASES = new TestDatabases("vigil_webhook");
  private static final byte[] SECRET =
      "it-secret-5f0c1d2e3a4b5c6d7e8f".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path folder;

  static Stream<String> databases() throws Exception {
    return DATABASES.urls(folder);
  }

  @AfterAll
  static void dropSchema() throws Exception {
    DATABASES.drop();
  }

  private static Database fresh(String url) throws Exception {
    Database database = TestDatabases.migrated(url);
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM webhook_deliveries");
    }
    return database;
  }

  /** Fast settings: 5 s timeout, retries after 100 ms doubling to 400 ms, a look every 100 ms. */
  private static WebhookSettings settings(Receiver receiver, int maxAttempts) throws Exception {
    return settings(receiver, maxAttempts, 5_000);
  }

  private static WebhookSettings settings(Receiver receiver, int maxAttempts, long timeoutMs)
      throws Exception {
    Path secret = folder.resolve("secret-" + UUID.randomUUID());
    Files.write(secret, SECRET);
    return new WebhookSettings(
        receiver.url(),
        secret,
        timeoutMs,
        new RetryPolicy(100, 400, maxAttempts, Duration.ofMinutes(5)),
        100);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void unavailableAnswersAreRetriedUntilTheReceiverTakesTheAlertOnce(String url) throws Exception {
    Database database = fresh(url);
    try (Receiver receiver = Receiver.start(0, SECRET).answer(503, 503, 429, 500);
        Webhook webhook =
            Webhook.start(settings(receiver, 100), "gw-a", database, Clock.systemUTC())) {
      ControlAlert alert = Alerts.panic("al-" + UUID.randomUUID(), "VEH-WH-1");
      webhook.sink().send(alert).get(10, TimeUnit.SECONDS);
      assertEquals(1, rows(database).size(), "held in the database once the future completes");
      // The same change handed over again (a republish) is the same delivery.
      webhook.sink().send(alert).get(10, TimeUnit.SECONDS);

      await(() -> webhook.counters().deliveredCount() == 1, 30_000);
      byte[] json = AlertJson.write(alert);
      List<Receiver.Request> requests = receiver.requests();
      assertEquals(5, requests.size(), "4 refusals, then the delivery");
      for (Receiver.Request request : requests) {
        assertTrue(request.signatureValid(), "signature checked by the receiver");
        assertEquals(Signature.deliveryId(json), request.deliveryId());
        assertArrayEquals(json, request.body(), "the MQTT sink's JSON");
      }
      assertEquals(Map.of(Signature.deliveryId(json), 1), receiver.acceptedCounts());
      assertEquals(4, webhook.counters().retriedCount());
      assertEquals(0, webhook.counters().deadCount());
      assertEquals(List.of("DELIVERED:5"), rows(database));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aRefusalIsGivenUpAtOnceCountedAndKept(String url) throws Exception {
    Database database = fresh(url);
    try (Receiver receiver = Receiver.start(0, SECRET).answer(422);
        Webhook webhook =
            Webhook.start(settings(receiver, 100), "gw-a", database, Clock.systemUTC())) {
      webhook
          .sink()
          .send(Alerts.panic("al-" + UUID.randomUUID(), "VEH-WH-2"))
          .get(10, TimeUnit.SECONDS);
      await(() -> webhook.counters().deadCount() == 1, 30_000);
      Thread.sleep(1_000); // ten polls: a dead delivery is not tried again
      assertEquals(1, receiver.requests().size());
      assertEquals(0, webhook.counters().deliveredCount());
      assertEquals(List.of("DEAD:1"), rows(database));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aDeliveryFailingEveryAttemptIsGivenUpAfterTheLast(String url) throws Exception {
    Database database = fresh(url);
    try (Receiver receiver = Receiver.start(0, SECRET).answer(503, 503, 503, 503);
        Webhook webhook =
            Webhook.start(settings(receiver, 3), "gw-a", database, Clock.systemUTC())) {
      webhook
          .sink()
          .send(Alerts.panic("al-" + UUID.randomUUID(), "VEH-WH-3"))
          .get(10, TimeUnit.SECONDS);
      await(() -> webhook.counters().deadCount() == 1, 30_000);
      assertEquals(3, receiver.requests().size());
      assertEquals(2, webhook.counters().retriedCount());
      assertEquals(List.of("DEAD:3"), rows(database));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aReceiverTooSlowToAnswerIsTriedAgain(String url) throws Exception {
    Database database = fresh(url);
    try (Receiver receiver = Receiver.start(0, SECRET);
        Webhook webhook =
            Webhook.start(settings(receiver, 100, 1_000), "gw-a", database, Clock.systemUTC())) {
      receiver.stallOnce(3_000);
      webhook
          .sink()
          .send(Alerts.panic("al-" + UUID.randomUUID(), "VEH-WH-4"))
          .get(10, TimeUnit.SECONDS);
      await(() -> webhook.counters().deliveredCount() == 1, 30_000);
      // The stalled POST timed out; on a loaded machine a later one may too, each retried.
      long retried = webhook.counters().retriedCount();
      assertTrue(retried >= 1, "the stalled POST timed out");
      assertEquals(List.of("DELIVERED:" + (retried + 1)), rows(database));
    }
  }

  /**
   * A gateway that claimed a delivery and died holds it until its lease runs out; then another
   * gateway takes it over and delivers it.
   */
  @ParameterizedTest
  @MethodSource("databases")
  void aDeliveryLeftByADeadGatewayIsDeliveredAfterItsLease(String url) throws Exception {
    Database database = fresh(url);
    ControlAlert alert = Alerts.panic("al-" + UUID.randomUUID(), "VEH-WH-5");
    Instant claimedAt = Instant.now();
    try (DeliveryQueue queue = new DeliveryQueue(database);
        Receiver receiver = Receiver.start(0, SECRET)) {
      queue.enqueue(alert.alertId(), AlertJson.write(alert), claimedAt);
      assertEquals(1, queue.claim(claimedAt, 3_000, "gw-dead", 10).size());
      deliveredAfterTheLease(database, queue, receiver, claimedAt);
    }
  }

  private static void deliveredAfterTheLease(
      Database database, DeliveryQueue queue, Receiver receiver, Instant claimedAt)
      throws Exception {
    try (Webhook webhook =
        Webhook.start(settings(receiver, 100), "gw-b", database, Clock.systemUTC())) {
      await(() -> webhook.counters().deliveredCount() == 1, 30_000);
      Receiver.Request request = receiver.requests().get(0);
      assertTrue(
          !request.at().isBefore(claimedAt.plusMillis(3_000)),
          "taken over only after the lease: " + request.at() + " vs " + claimedAt);
      assertTrue(request.signatureValid());
      assertEquals(1, receiver.requests().size());
      // The dead gateway's late word no longer counts: the row is not its own any more.
      assertTrue(!queue.retry(request.deliveryId(), "gw-dead", 503, "late", Instant.now()));
      assertEquals(List.of("DELIVERED:2"), rows(database));
    }
  }

  /** Two gateways' deliverers on one database: N alerts, each delivered exactly once. */
  @ParameterizedTest
  @MethodSource("databases")
  void twoDeliverersSharingTheDatabaseDeliverEachAlertOnce(String url) throws Exception {
    Database database = fresh(url);
    int alerts = 200;
    try (Receiver receiver = Receiver.start(0, SECRET);
        Webhook a = Webhook.start(settings(receiver, 100), "gw-a", database, Clock.systemUTC());
        Webhook b = Webhook.start(settings(receiver, 100), "gw-b", database, Clock.systemUTC())) {
      List<CompletableFuture<Void>> sent = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < alerts; i++) {
        ControlAlert alert = Alerts.panic("al-" + UUID.randomUUID(), "VEH-WH-6-" + i);
        ids.add(Signature.deliveryId(AlertJson.write(alert)));
        sent.add((i % 2 == 0 ? a : b).sink().send(alert));
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      await(() -> receiver.acceptedCounts().size() == alerts, 60_000);
      Thread.sleep(1_500); // fifteen polls each: a second delivery would show by now
      Map<String, Integer> counts = receiver.acceptedCounts();
      assertEquals(ids, counts.keySet());
      assertTrue(counts.values().stream().allMatch(n -> n == 1), "each delivered once: " + counts);
      assertEquals(alerts, receiver.requests().size(), "no POST repeated");
      assertTrue(receiver.requests().stream().allMatch(Receiver.Request::signatureValid));
      assertEquals(
          alerts, a.counters().deliveredCount() + b.counters().deliveredCount(), "counted once");
      Logger.info(
          "two deliverers: a delivered {}, b {}",
          a.counters().deliveredCount(),
          b.counters().deliveredCount());
    }
  }

  /** Each row as STATE:attempts. */
  private static List<String> rows(Database database) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = database.connect();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT state, attempts FROM webhook_deliveries ORDER BY created_at");
        ResultSet found = q.executeQuery()) {
      while (found.next()) {
        rows.add(found.getString(1) + ":" + found.getInt(2));
      }
    }
    return rows;
  }

  private static void await(BooleanSupplier condition, long timeoutMs) throws Exception {
    long end = System.nanoTime() + timeoutMs * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not reached within " + timeoutMs + " ms");
      }
      Thread.sleep(20);
    }
  }
}
