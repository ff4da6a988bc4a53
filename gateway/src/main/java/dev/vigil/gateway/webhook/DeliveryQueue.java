package dev.vigil.gateway.webhook;

import dev.vigil.gateway.store.Database;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The webhook's persistent retry queue ({@code webhook_deliveries}, migration V006), shared by
 * every gateway on the database. A row is claimed with a lease before its POST and every later
 * update names the lease's owner, so a gateway whose lease ran out (it hung or died) cannot
 * overwrite what the gateway that took the row over decided.
 */
public final class DeliveryQueue implements AutoCloseable {
  private static final String INSERT =
      "INSERT INTO webhook_deliveries (delivery_id, alert_id, body, state, created_at,"
          + " next_attempt_at) VALUES (?, ?, ?, 'PENDING', ?, ?) ON CONFLICT DO NOTHING";
  private static final String DUE =
      "SELECT delivery_id, alert_id, body, attempts, created_at FROM webhook_deliveries"
          + " WHERE state = 'PENDING' AND next_attempt_at <= ?"
          + " AND (lease_until IS NULL OR lease_until <= ?)"
          + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED";
  private static final String LEASE =
      "UPDATE webhook_deliveries SET lease_owner = ?, lease_until = ?, attempts = attempts + 1"
          + " WHERE delivery_id = ?";
  private static final String OWNED = " WHERE delivery_id = ? AND lease_owner = ?";

  /** A claimed delivery; {@code attempts} counts the attempt about to be made. */
  public record Delivery(
      String deliveryId, String alertId, byte[] body, int attempts, Instant queuedAt) {}

  private final Lane inserts;
  private final Lane deliveries;

  public DeliveryQueue(Database database) {
    this.inserts = new Lane(database);
    this.deliveries = new Lane(database);
  }

  /** Opens the queue's connections now, one after the other (see {@link Lane}). */
  public void connect() throws SQLException {
    inserts.connect();
    deliveries.connect();
  }

  @Override
  public void close() throws SQLException {
    try {
      inserts.close();
    } finally {
      deliveries.close();
    }
  }

  /**
   * Queues a body for delivery, due at once; committed when this returns. The same body queued
   * again is the same delivery (its id derives from the body), so nothing is inserted twice.
   */
  public String enqueue(String alertId, byte[] body, Instant now) throws SQLException {
    String id = Signature.deliveryId(body);
    String json = new String(body, StandardCharsets.UTF_8);
    inserts.run(c -> execute(c, INSERT, id, alertId, json, utc(now), utc(now)));
    return id;
  }

  /**
   * Claims up to {@code limit} due deliveries for {@code owner} until {@code now + leaseMs},
   * skipping rows another gateway is claiming at this moment, and counts the attempt.
   */
  public List<Delivery> claim(Instant now, long leaseMs, String owner, int limit)
      throws SQLException {
    return deliveries.inTransaction(
        c -> {
          List<Delivery> due = due(c, now, limit);
          for (Delivery delivery : due) {
            execute(c, LEASE, owner, utc(now.plusMillis(leaseMs)), delivery.deliveryId());
          }
          return due;
        });
  }

  private static List<Delivery> due(Connection c, Instant now, int limit) throws SQLException {
    List<Delivery> due = new ArrayList<>();
    try (PreparedStatement query = c.prepareStatement(DUE)) {
      bind(query, utc(now), utc(now), limit);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          due.add(
              new Delivery(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getString(3).getBytes(StandardCharsets.UTF_8),
                  rows.getInt(4) + 1,
                  rows.getObject(5, OffsetDateTime.class).toInstant()));
        }
      }
    }
    return due;
  }

  /**
   * @return false when {@code owner} no longer holds the delivery (its lease was taken over)
   */
  public boolean delivered(String deliveryId, String owner, int status, Instant now)
      throws SQLException {
    return finish("DELIVERED", deliveryId, owner, status, null, now);
  }

  /** Gives a delivery up for good. @return false when {@code owner} no longer holds it */
  public boolean dead(String deliveryId, String owner, Integer status, String error, Instant now)
      throws SQLException {
    return finish("DEAD", deliveryId, owner, status, error, now);
  }

  /** Releases a delivery to be tried again at {@code at}. @return false when not held by owner */
  public boolean retry(String deliveryId, String owner, Integer status, String error, Instant at)
      throws SQLException {
    return deliveries.run(
            c ->
                execute(
                    c,
                    "UPDATE webhook_deliveries SET next_attempt_at = ?, lease_owner = NULL,"
                        + " lease_until = NULL, last_status = ?, last_error = ?"
                        + OWNED,
                    utc(at),
                    status,
                    clip(error),
                    deliveryId,
                    owner))
        == 1;
  }

  private boolean finish(
      String state, String deliveryId, String owner, Integer status, String error, Instant now)
      throws SQLException {
    return deliveries.run(
            c ->
                execute(
                    c,
                    "UPDATE webhook_deliveries SET state = ?, finished_at = ?, lease_owner = NULL,"
                        + " lease_until = NULL, last_status = ?, last_error = ?"
                        + OWNED,
                    state,
                    utc(now),
                    status,
                    clip(error),
                    deliveryId,
                    owner))
        == 1;
  }

  /** Deletes delivered rows finished before {@code before}; dead ones stay for the operator. */
  public int prune(Instant before) throws SQLException {
    return deliveries.run(
        c ->
            execute(
                c,
                "DELETE FROM webhook_deliveries WHERE state = 'DELIVERED' AND finished_at < ?",
                utc(before)));
  }

  private static String clip(String error) {
    return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
  }

  private static int execute(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      bind(statement, parameters);
      return statement.executeUpdate();
    }
  }

  private static void bind(PreparedStatement s, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      if (parameters[i] == null) {
        s.setNull(i + 1, Types.NULL);
      } else {
        s.setObject(i + 1, parameters[i]);
      }
    }
  }

  /**
   * Times are kept to the millisecond: a database rounding finer digits up could otherwise store a
   * row as due a little after the moment it was queued, and a claim at that moment would miss it.
   */
  private static OffsetDateTime utc(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
  }
}
