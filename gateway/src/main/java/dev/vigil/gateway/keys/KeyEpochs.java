package dev.vigil.gateway.keys;

import dev.vigil.gateway.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * Which payload key epochs the gateway accepts. Epoch {@code keys.epoch} is in force until {@code
 * vigil-gateway keys rotate} begins the next one; the epoch before stays accepted for a grace
 * period after its successor began (devices that were offline still deliver their sealed backlog),
 * and is refused after. The table is re-read periodically, so a rotation made by the command
 * reaches a running gateway.
 */
public final class KeyEpochs implements AutoCloseable {
  /** An epoch and when it began ({@link Instant#MIN} for the configured first one). */
  public record Epoch(int number, Instant startedAt) {}

  private final Database database;
  private final int first;
  private final Duration grace;
  private volatile List<Epoch> epochs;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "key-epochs"));

  /** A fixed single epoch, never rotated (benchmarks, tools). */
  public static KeyEpochs fixed(int epoch) {
    return new KeyEpochs(null, epoch, Duration.ZERO, List.of(new Epoch(epoch, Instant.MIN)));
  }

  private KeyEpochs(Database database, int first, Duration grace, List<Epoch> epochs) {
    this.database = database;
    this.first = first;
    this.grace = grace;
    this.epochs = epochs;
  }

  public static KeyEpochs load(Database database, int first, Duration grace) throws SQLException {
    KeyEpochs epochs = new KeyEpochs(database, first, grace, List.of());
    epochs.refresh();
    return epochs;
  }

  /** Re-reads the table every {@code every}. */
  public KeyEpochs watch(Duration every) {
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            refresh();
          } catch (SQLException e) {
            Logger.warn("key epochs not re-read: {}", e.getMessage());
          }
        },
        every.toMillis(),
        every.toMillis(),
        TimeUnit.MILLISECONDS);
    return this;
  }

  public void refresh() throws SQLException {
    List<Epoch> read = new ArrayList<>(List.of(new Epoch(first, Instant.MIN)));
    try (Connection connection = database.connect();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT epoch, started_at FROM key_epochs WHERE epoch > ? ORDER BY epoch"); ) {
      query.setInt(1, first);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          read.add(new Epoch(rows.getInt(1), rows.getObject(2, OffsetDateTime.class).toInstant()));
        }
      }
    }
    epochs = List.copyOf(read);
  }

  /** The epoch devices must seal under now. */
  public int current() {
    List<Epoch> all = epochs;
    return all.get(all.size() - 1).number();
  }

  /** True for the current epoch, and for an older one until {@code grace} after its successor. */
  public boolean accepts(int epoch, Instant now) {
    List<Epoch> all = epochs;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).number() == epoch) {
        return i == all.size() - 1 || now.isBefore(all.get(i + 1).startedAt().plus(grace));
      }
    }
    return false;
  }

  /** Begins the next epoch now; returns its number. */
  public static int rotate(Database database, int first, Instant now) throws SQLException {
    KeyEpochs known = new KeyEpochs(database, first, Duration.ZERO, List.of());
    known.refresh();
    int next = known.current() + 1;
    try (Connection connection = database.connect();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO key_epochs (epoch, started_at) VALUES (?, ?)")) {
      insert.setInt(1, next);
      insert.setObject(2, now.atOffset(ZoneOffset.UTC));
      insert.executeUpdate();
    }
    return next;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
