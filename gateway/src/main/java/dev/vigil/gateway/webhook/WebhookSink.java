package dev.vigil.gateway.webhook;

import dev.vigil.gateway.alerts.AlertSink;
import dev.vigil.protocol.alert.AlertJson;
import dev.vigil.protocol.alert.ControlAlert;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hands alerts to the webhook: each is queued in the database (the same JSON the MQTT sink
 * publishes), and the future completes once that row is committed; from then on the webhook holds
 * the alert for good, whichever gateway ends up POSTing it. The insert runs on an executor of its
 * own so the caller (the ingest's alarm lane) never waits on it.
 */
public final class WebhookSink implements AlertSink {
  private final DeliveryQueue queue;
  private final Executor inserts;
  private final Runnable queued;
  private final WebhookCounters counters;
  private final Clock clock;

  /**
   * @param queued told after each commit (wakes the deliverer)
   */
  WebhookSink(
      DeliveryQueue queue,
      Executor inserts,
      Runnable queued,
      WebhookCounters counters,
      Clock clock) {
    this.queue = queue;
    this.inserts = inserts;
    this.queued = queued;
    this.counters = counters;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<Void> send(ControlAlert alert) {
    byte[] body = AlertJson.write(alert);
    try {
      return CompletableFuture.runAsync(
          () -> {
            try {
              queue.enqueue(alert.alertId(), body, clock.instant());
            } catch (SQLException e) {
              throw new CompletionException("webhook delivery not queued: " + e.getMessage(), e);
            }
            counters.queued();
            queued.run();
          },
          inserts);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("the webhook sink is stopped", e));
    }
  }
}
