package dev.vigil.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code device_presence}: when each device was last heard from, what its birth / last-will message
 * said, and its last health report. Rows only move forward in time, whichever gateway writes them
 * and in whichever order.
 */
public final class PresenceStore {
  /** A device heard from; {@code health} is null unless a health report was among it. */
  public record Seen(String deviceId, String vehicleId, Instant lastSeenAt, HealthSeen health) {}

  /**
   * @param cameraFaults camera faults in the report; null when it named none
   */
  public record HealthSeen(Instant at, boolean ignitionOn, boolean gnssOk, Integer cameraFaults) {}

  /** One device as the fleet view and the offline sweep see it; nullable fields unknown yet. */
  public record Row(
      String deviceId,
      String vehicleId,
      Instant lastSeenAt,
      Boolean stateOnline,
      Instant stateAt,
      Instant healthAt,
      Boolean ignitionOn,
      Boolean gnssOk,
      Integer cameraFaults,
      String offlineAlertId) {}

  /** What the offline sweep does with a device it claimed. */
  public interface OfflineHandler {
    /** The device went silent with its ignition on: raise; returns the alert's id. */
    String wentSilent(Row row, Instant now) throws SQLException;

    /** The device was heard from again after {@code alertId} was raised for it. */
    void cameBack(Row row, String alertId, Instant now) throws SQLException;
  }

  private static final String COLUMNS =
      "device_id, vehicle_id, last_seen_at, state_online, state_at, health_at, ignition_on,"
          + " gnss_ok, camera_faults, offline_alert_id";
  private static final String ENSURE =
      "INSERT INTO device_presence (device_id, vehicle_id) VALUES (?, ?) ON CONFLICT DO NOTHING";
  private static final String SEEN =
      "UPDATE device_presence SET last_seen_at = ? WHERE device_id = ?"
          + " AND (last_seen_at IS NULL OR last_seen_at < ?)";
  private static final String HEALTH =
      "UPDATE device_presence SET health_at = ?, ignition_on = ?, gnss_ok = ?, camera_faults = ?"
          + " WHERE device_id = ? AND (health_at IS NULL OR health_at < ?)";
  private static final String STATE =
      "UPDATE device_presence SET state_online = ?, state_at = ? WHERE device_id = ?"
          + " AND (state_at IS NULL OR state_at < ?)";
  private static final String SILENT =
      "SELECT "
          + COLUMNS
          + " FROM device_presence WHERE offline_alert_id IS NULL"
          + " AND ignition_on = TRUE AND last_seen_at < ? ORDER BY device_id LIMIT ?"
          + " FOR UPDATE SKIP LOCKED";
  private static final String BACK =
      "SELECT "
          + COLUMNS
          + " FROM device_presence WHERE offline_alert_id IS NOT NULL"
          + " AND last_seen_at >= ? ORDER BY device_id LIMIT ? FOR UPDATE SKIP LOCKED";
  private static final String MARK =
      "UPDATE device_presence SET offline_alert_id = ? WHERE device_id = ?";

  private final Database database;

  public PresenceStore(Database database) {
    this.database = database;
  }

  public void recordSeen(List<Seen> batch) throws SQLException {
    if (batch.isEmpty()) {
      return;
    }
    try (Connection c = database.connect();
        PreparedStatement ensure = c.prepareStatement(ENSURE);
        PreparedStatement seen = c.prepareStatement(SEEN);
        PreparedStatement health = c.prepareStatement(HEALTH)) {
      c.setAutoCommit(false);
      for (Seen s : batch) {
        add(ensure, s.deviceId(), s.vehicleId());
        add(seen, utc(s.lastSeenAt()), s.deviceId(), utc(s.lastSeenAt()));
        if (s.health() != null) {
          HealthSeen h = s.health();
          add(
              health,
              utc(h.at()),
              h.ignitionOn(),
              h.gnssOk(),
              h.cameraFaults(),
              s.deviceId(),
              utc(h.at()));
        }
      }
      ensure.executeBatch();
      seen.executeBatch();
      health.executeBatch();
      c.commit();
    }
  }

  /** A birth ({@code online}) or last-will message from the device's state topic. */
  public void recordState(String deviceId, String vehicleId, boolean online, Instant at)
      throws SQLException {
    try (Connection c = database.connect();
        PreparedStatement ensure = c.prepareStatement(ENSURE);
        PreparedStatement state = c.prepareStatement(STATE)) {
      add(ensure, deviceId, vehicleId);
      ensure.executeBatch();
      add(state, online, utc(at), deviceId, utc(at));
      state.executeBatch();
    }
  }

  /** Every registered, unrevoked device, with what is known of it (nulls when nothing). */
  public List<Row> fleet() throws SQLException {
    String sql =
        "SELECT d.device_id, d.vehicle_id, p.last_seen_at, p.state_online, p.state_at,"
            + " p.health_at, p.ignition_on, p.gnss_ok, p.camera_faults, p.offline_alert_id"
            + " FROM devices d LEFT JOIN device_presence p ON p.device_id = d.device_id"
            + " WHERE d.revoked_at IS NULL ORDER BY d.device_id";
    try (Connection c = database.connect();
        PreparedStatement query = c.prepareStatement(sql)) {
      return rows(query);
    }
  }

  /**
   * Claims devices silent for longer than {@code after} with their ignition on, and devices heard
   * from again after their DEVICE_OFFLINE, skipping rows another gateway holds.
   *
   * @return how many devices were handled
   */
  public int sweepOffline(Instant now, Duration after, int limit, OfflineHandler handler)
      throws SQLException {
    Instant cutoff = now.minus(after);
    try (Connection c = database.connect()) {
      c.setAutoCommit(false);
      try {
        int handled = 0;
        for (Row row : claim(c, SILENT, cutoff, limit)) {
          mark(c, row.deviceId(), handler.wentSilent(row, now));
          handled++;
        }
        for (Row row : claim(c, BACK, cutoff, limit)) {
          handler.cameBack(row, row.offlineAlertId(), now);
          mark(c, row.deviceId(), null);
          handled++;
        }
        c.commit();
        return handled;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static List<Row> claim(Connection c, String sql, Instant cutoff, int limit)
      throws SQLException {
    try (PreparedStatement query = c.prepareStatement(sql)) {
      query.setObject(1, utc(cutoff));
      query.setInt(2, limit);
      return rows(query);
    }
  }

  private static void mark(Connection c, String deviceId, String alertId) throws SQLException {
    try (PreparedStatement update = c.prepareStatement(MARK)) {
      add(update, alertId, deviceId);
      update.executeBatch();
    }
  }

  private static List<Row> rows(PreparedStatement query) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (ResultSet r = query.executeQuery()) {
      while (r.next()) {
        rows.add(
            new Row(
                r.getString(1),
                r.getString(2),
                instant(r, 3),
                bool(r, 4),
                instant(r, 5),
                instant(r, 6),
                bool(r, 7),
                bool(r, 8),
                (Integer) r.getObject(9),
                r.getString(10)));
      }
    }
    return rows;
  }

  private static void add(PreparedStatement s, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      if (parameters[i] == null) {
        s.setNull(i + 1, Types.NULL);
      } else {
        s.setObject(i + 1, parameters[i]);
      }
    }
    s.addBatch();
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static Boolean bool(ResultSet r, int column) throws SQLException {
    boolean value = r.getBoolean(column);
    return r.wasNull() ? null : value;
  }

  private static OffsetDateTime utc(Instant instant) {
    return JdbcTelemetryStore.utc(instant);
  }
}
