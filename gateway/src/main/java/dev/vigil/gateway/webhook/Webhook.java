package dev.vigil.gateway.webhook;

import dev.vigil.gateway.alerts.AlertSink;
import dev.vigil.gateway.store.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * The webhook alert sink, wired: the queue in the gateway database, the sink that fills it, and the
 * deliverer that empties it. Start it before the alert service and close it after: closing lets
 * queued inserts commit, then stops the deliverer after the batch it holds.
 */
public final class Webhook implements AutoCloseable {
  /** A shorter secret is refused: HMAC-SHA256 wants 32 random bytes; 16 characters is the floor. */
  static final int MIN_SECRET_CHARS = 16;

  private final DeliveryQueue queue;
  private final ExecutorService inserts;
  private final Deliverer deliverer;
  private final WebhookSink sink;
  private final WebhookCounters counters = new WebhookCounters();

  private Webhook(
      WebhookSettings settings, byte[] secret, String gatewayId, Database database, Clock clock) {
    this.queue = new DeliveryQueue(database);
    String owner = gatewayId + "-" + UUID.randomUUID().toString().substring(0, 8);
    this.inserts =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "webhook-queue-" + owner);
              thread.setDaemon(true);
              return thread;
            });
    this.deliverer =
        new Deliverer(queue, settings, new Signature(secret), counters, clock, owner, new Random());
    this.sink = new WebhookSink(queue, inserts, deliverer::wake, counters, clock);
  }

  /**
   * Reads the secret and starts delivering (rows left by earlier runs or other gateways too).
   *
   * @param gatewayId names this gateway's leases (a random suffix keeps two runs apart)
   * @throws IllegalStateException naming {@code webhook.secret-file} when the secret is missing,
   *     empty or short
   */
  public static Webhook start(
      WebhookSettings settings, String gatewayId, Database database, Clock clock)
      throws SQLException {
    Webhook webhook =
        new Webhook(settings, readSecret(settings.secretFile()), gatewayId, database, clock);
    try {
      webhook.queue.connect();
    } catch (SQLException e) {
      webhook.queue.close();
      throw e;
    }
    webhook.deliverer.start();
    Logger.info("webhook sink delivering to {}", settings.url());
    return webhook;
  }

  /** Starts the webhook when the configuration chose it ({@code settings} present). */
  public static Optional<Webhook> startIfChosen(
      Optional<WebhookSettings> settings, String gatewayId, Database database, Clock clock)
      throws SQLException {
    return settings.isEmpty()
        ? Optional.empty()
        : Optional.of(start(settings.get(), gatewayId, database, clock));
  }

  /**
   * The secret is the file's content, surrounding white space (a trailing newline) removed, as
   * bytes of UTF-8: what {@code openssl rand -hex 32 > file} leaves is used as the 64 characters.
   */
  static byte[] readSecret(Path file) {
    String secret;
    try {
      secret = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalStateException(
          "webhook.secret-file (value '" + file + "') cannot be read: " + e, e);
    }
    if (secret.isEmpty()) {
      throw new IllegalStateException("webhook.secret-file (value '" + file + "') is empty");
    }
    if (secret.length() < MIN_SECRET_CHARS) {
      throw new IllegalStateException(
          "webhook.secret-file (value '"
              + file
              + "') holds a secret shorter than "
              + MIN_SECRET_CHARS
              + " characters (make one with: openssl rand -hex 32)");
    }
    return secret.getBytes(StandardCharsets.UTF_8);
  }

  public AlertSink sink() {
    return sink;
  }

  public WebhookCounters counters() {
    return counters;
  }

  public Map<String, Object> snapshot() {
    return counters.snapshot();
  }

  @Override
  public void close() throws InterruptedException, SQLException {
    try {
      inserts.shutdown();
      if (!inserts.awaitTermination(10, TimeUnit.SECONDS)) {
        Logger.warn("webhook: inserts still running at stop; their alerts are sent again later");
        inserts.shutdownNow();
      }
      deliverer.close();
    } finally {
      queue.close();
    }
  }
}
