package dev.vigil.gateway.webhook;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.tinylog.Logger;

/**
 * Takes due deliveries from the queue and POSTs them, on a thread of its own (never the ingest's):
 * a batch at a time, the POSTs of a batch in parallel, each bounded by the timeout. Wakes when the
 * sink queues something, else every poll interval (rows due for a retry, or left by a dead
 * gateway).
 */
final class Deliverer implements AutoCloseable {
  /** Most deliveries claimed, and POSTed in parallel, at once. */
  static final int BATCH = 16;

  private static final Duration PRUNE_EVERY = Duration.ofHours(1);
  private static final Duration KEEP_DELIVERED = Duration.ofDays(7);

  private final DeliveryQueue queue;
  private final HttpClient http;
  private final WebhookSettings settings;
  private final Signature signature;
  private final WebhookCounters counters;
  private final Clock clock;
  private final String owner;
  private final RandomGenerator random;
  private final Semaphore wake = new Semaphore(0);
  private final Thread thread;
  private volatile boolean running = true;
  private Instant prunedAt = Instant.MIN;

  /** The outcome of one POST: a status, or the failure that stood in for one. */
  private record Attempt(Integer status, Throwable failure) {}

  Deliverer(
      DeliveryQueue queue,
      WebhookSettings settings,
      Signature signature,
      WebhookCounters counters,
      Clock clock,
      String owner,
      RandomGenerator random) {
    this.queue = queue;
    this.settings = settings;
    this.signature = signature;
    this.counters = counters;
    this.clock = clock;
    this.owner = owner;
    this.random = random;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofMillis(settings.timeoutMs()))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.thread = new Thread(this::loop, "webhook-deliverer-" + owner);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Asks for a look at the queue now (something was queued). */
  void wake() {
    wake.release();
  }

  private void loop() {
    while (running) {
      try {
        if (deliverDue() > 0) {
          continue;
        }
        pruneNowAndThen();
      } catch (SQLException | RuntimeException e) {
        Logger.warn("webhook deliveries not claimed, trying again: {}", e.getMessage());
      } catch (InterruptedException e) {
        return;
      }
      try {
        wake.tryAcquire(settings.pollMs(), TimeUnit.MILLISECONDS);
        wake.drainPermits();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Claims and POSTs one batch of due deliveries, and records each outcome.
   *
   * @return how many were claimed
   */
  int deliverDue() throws SQLException, InterruptedException {
    List<DeliveryQueue.Delivery> due =
        queue.claim(clock.instant(), settings.leaseMs(), owner, BATCH);
    List<CompletableFuture<Attempt>> posts = new ArrayList<>();
    for (DeliveryQueue.Delivery delivery : due) {
      posts.add(post(delivery));
    }
    for (int i = 0; i < due.size(); i++) {
      record(due.get(i), await(posts.get(i)));
    }
    return due.size();
  }

  private CompletableFuture<Attempt> post(DeliveryQueue.Delivery delivery) {
    long timestampS = clock.instant().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(settings.url())
            .timeout(Duration.ofMillis(settings.timeoutMs()))
            .header("Content-Type", "application/json")
            .header(Signature.TIMESTAMP_HEADER, Long.toString(timestampS))
            .header(Signature.SIGNATURE_HEADER, signature.header(timestampS, delivery.body()))
            .header(Signature.DELIVERY_HEADER, delivery.deliveryId())
            .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
            .build();
    try {
      return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .handle(
              (response, failure) ->
                  failure == null
                      ? new Attempt(response.statusCode(), null)
                      : new Attempt(null, failure));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(new Attempt(null, e));
    }
  }

  /** Waits for a POST; the client's own timeout ends it first, this bound is a second guard. */
  private Attempt await(CompletableFuture<Attempt> post) throws InterruptedException {
    try {
      return post.get(settings.timeoutMs() + 5_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return new Attempt(null, e.getCause());
    } catch (TimeoutException e) {
      post.cancel(true);
      return new Attempt(null, e);
    }
  }

  private void record(DeliveryQueue.Delivery delivery, Attempt attempt) {
    Outcome outcome = attempt.failure() != null ? Outcome.RETRY : Outcome.of(attempt.status());
    String error = attempt.failure() == null ? null : describe(attempt.failure());
    Instant now = clock.instant();
    RetryPolicy.Decision decision =
        settings
            .retry()
            .decide(outcome, delivery.attempts(), delivery.queuedAt(), now, random.nextDouble());
    try {
      boolean held;
      if (decision instanceof RetryPolicy.Again again) {
        held = retried(delivery, attempt, error, again.at());
      } else if (decision instanceof RetryPolicy.GiveUp giveUp) {
        held = dead(delivery, attempt, error, giveUp, now);
      } else {
        held = delivered(delivery, attempt, now);
      }
      if (!held) {
        Logger.warn(
            "webhook delivery {} was taken over by another gateway (lease ran out)",
            delivery.deliveryId());
      }
    } catch (SQLException e) {
      // The lease runs out and the delivery is tried again: at least once, never lost.
      Logger.warn(
          "webhook delivery {} outcome not recorded, it will be tried again: {}",
          delivery.deliveryId(),
          e.getMessage());
    }
  }

  private boolean delivered(DeliveryQueue.Delivery delivery, Attempt attempt, Instant now)
      throws SQLException {
    boolean held = queue.delivered(delivery.deliveryId(), owner, attempt.status(), now);
    counters.delivered();
    Logger.debug("webhook delivered {} (alert {})", delivery.deliveryId(), delivery.alertId());
    return held;
  }

  private boolean retried(
      DeliveryQueue.Delivery delivery, Attempt attempt, String error, Instant at)
      throws SQLException {
    boolean held = queue.retry(delivery.deliveryId(), owner, attempt.status(), error, at);
    counters.retried();
    Logger.warn(
        "webhook delivery {} of alert {} failed (attempt {}: {}), again at {}",
        delivery.deliveryId(),
        delivery.alertId(),
        delivery.attempts(),
        error != null ? error : "HTTP " + attempt.status(),
        at);
    return held;
  }

  private boolean dead(
      DeliveryQueue.Delivery delivery,
      Attempt attempt,
      String error,
      RetryPolicy.GiveUp giveUp,
      Instant now)
      throws SQLException {
    boolean held = queue.dead(delivery.deliveryId(), owner, attempt.status(), error, now);
    counters.dead();
    Logger.error(
        "webhook delivery {} of alert {} GIVEN UP after {} attempts, {} (last: {});"
            + " the alert did not reach {}",
        delivery.deliveryId(),
        delivery.alertId(),
        delivery.attempts(),
        giveUp.reason(),
        error != null ? error : "HTTP " + attempt.status(),
        settings.url());
    return held;
  }

  private static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getMessage() == null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  private void pruneNowAndThen() throws SQLException {
    Instant now = clock.instant();
    if (prunedAt.plus(PRUNE_EVERY).isBefore(now)) {
      prunedAt = now;
      queue.prune(now.minus(KEEP_DELIVERED));
    }
  }

  /**
   * Stops after the batch in hand (its POSTs end within the timeout); a delivery still in flight
   * when the wait runs out keeps its lease and is taken by any gateway once the lease has passed.
   */
  @Override
  public void close() throws InterruptedException {
    running = false;
    wake.release();
    thread.join(settings.timeoutMs() + 10_000);
    if (thread.isAlive()) {
      thread.interrupt();
      thread.join(5_000);
    }
  }
}
