package dev.vigil.gateway.store;

import dev.vigil.gateway.alerts.AlertChange;
import dev.vigil.gateway.alerts.Step;
import dev.vigil.protocol.alert.AlertJson;
import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.alert.ControlAlert;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The SQL of {@link JdbcAlertStore}: one method per statement, no transaction handling. */
final class AlertRows {
  /** An alert as stored, with the row version every update checks. */
  record Versioned(ControlAlert alert, long version) {}

  private static final String INSERT_ALERT =
      "INSERT INTO alerts (alert_id, type, severity, state, vehicle_id, device_id, trip_id,"
          + " raised_at, received_at, late, alert_json, escalate_at, updated_at, version)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)"
          + " ON CONFLICT DO NOTHING";
  private static final String UPDATE_ALERT =
      "UPDATE alerts SET state = ?, alert_json = ?, escalate_at = ?, updated_at = ?,"
          + " version = version + 1 WHERE alert_id = ? AND version = ?";
  private static final String INSERT_ALARM =
      "INSERT INTO alarms (device_id, seq, alarm_id, vehicle_id, type, raised_at, received_at,"
          + " trip_id, alert_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
  private static final String INSERT_EVENT =
      "INSERT INTO alert_events (alert_id, action, from_state, to_state, who, at_time, note,"
          + " escalation_level, alert_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final Function<ControlAlert, Optional<Instant>> nextEscalation;

  AlertRows(Function<ControlAlert, Optional<Instant>> nextEscalation) {
    this.nextEscalation = nextEscalation;
  }

  /**
   * Holds the vehicle's lock row until the transaction ends; the row is created on the vehicle's
   * first alarm, so later ones cost a single statement.
   */
  void lockVehicle(Connection c, String vehicleId) throws SQLException {
    if (!selectForUpdate(c, vehicleId)) {
      execute(
          c,
          "INSERT INTO alert_vehicle_locks (vehicle_id) VALUES (?) ON CONFLICT DO NOTHING",
          vehicleId);
      selectForUpdate(c, vehicleId);
    }
  }

  private static boolean selectForUpdate(Connection c, String vehicleId) throws SQLException {
    try (PreparedStatement lock =
        c.prepareStatement(
            "SELECT vehicle_id FROM alert_vehicle_locks WHERE vehicle_id = ? FOR UPDATE")) {
      lock.setString(1, vehicleId);
      try (ResultSet row = lock.executeQuery()) {
        return row.next();
      }
    }
  }

  List<Versioned> query(Connection c, String sql, Object... parameters) throws SQLException {
    List<Versioned> found = new ArrayList<>();
    try (PreparedStatement query = c.prepareStatement(sql)) {
      bind(query, parameters);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          byte[] json = rows.getString(1).getBytes(StandardCharsets.UTF_8);
          found.add(new Versioned(AlertJson.read(json), rows.getLong(2)));
        }
      }
    }
    return found;
  }

  /**
   * @return false when the device's alarm (by sequence number or alarm id) is stored already
   */
  boolean insertAlarm(Connection c, Uplink.AlarmReport report, ControlAlert alert)
      throws SQLException {
    Uplink.Origin o = report.origin();
    return execute(
            c,
            INSERT_ALARM,
            o.deviceId(),
            o.seq(),
            report.alarm().getAlarmId(),
            o.vehicleId(),
            alert.type().name(),
            utc(Instant.ofEpochMilli(report.alarm().getRaisedAtMs())),
            utc(o.receivedAt()),
            emptyToNull(report.alarm().getTripId()),
            alert.alertId())
        == 1;
  }

  /**
   * @return false when an alert with this id exists already
   */
  boolean insert(Connection c, ControlAlert a) throws SQLException {
    return 1
        == execute(
            c,
            INSERT_ALERT,
            a.alertId(),
            a.type().name(),
            a.severity().name(),
            a.state().name(),
            a.vehicleId(),
            a.deviceId(),
            a.tripId(),
            utc(a.raisedAt()),
            utc(a.receivedAt()),
            a.late(),
            json(a),
            nextEscalation.apply(a).map(AlertRows::utc).orElse(null),
            utc(a.progress().updatedAt()));
  }

  void update(Connection c, ControlAlert a, long version) throws SQLException {
    int updated =
        execute(
            c,
            UPDATE_ALERT,
            a.state().name(),
            json(a),
            nextEscalation.apply(a).map(AlertRows::utc).orElse(null),
            utc(a.progress().updatedAt()),
            a.alertId(),
            version);
    if (updated != 1) {
      throw new SQLException(
          "alert "
              + a.alertId()
              + " changed under its lock (version "
              + version
              + "); nothing stored");
    }
  }

  /**
   * @return the change as stored, with its event id
   */
  AlertChange insertEvent(Connection c, AlertChange e, ControlAlert after) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(INSERT_EVENT, new String[] {"event_id"})) {
      bind(
          insert,
          e.alertId(),
          e.action().name(),
          e.from() == null ? null : e.from().name(),
          e.to().name(),
          e.who(),
          utc(e.at()),
          e.note(),
          after.progress().escalationLevel(),
          json(after));
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return e.stored(keys.getLong(1));
      }
    }
  }

  /** Marks a change as handed to every sink. */
  void published(Connection c, long eventId, Instant at) throws SQLException {
    execute(c, "UPDATE alert_events SET published_at = ? WHERE event_id = ?", utc(at), eventId);
  }

  /**
   * Claims changes committed before {@code before} that no gateway has marked as published (it died
   * between its commit and its sinks), skipping those another gateway holds.
   */
  List<Step.Changed> unpublished(Connection c, Instant before, int limit) throws SQLException {
    List<Step.Changed> found = new ArrayList<>();
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT event_id, alert_id, action, from_state, to_state, who, at_time, note,"
                + " alert_json FROM alert_events WHERE published_at IS NULL AND at_time < ?"
                + " ORDER BY event_id LIMIT ? FOR UPDATE SKIP LOCKED")) {
      bind(query, utc(before), limit);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          AlertChange change = change(rows, 2).stored(rows.getLong(1));
          byte[] json = rows.getString(9).getBytes(StandardCharsets.UTF_8);
          found.add(new Step.Changed(AlertJson.read(json), change));
        }
      }
    }
    return found;
  }

  private static AlertChange change(ResultSet rows, int first) throws SQLException {
    String from = rows.getString(first + 2);
    return new AlertChange(
        rows.getString(first),
        AlertChange.Action.valueOf(rows.getString(first + 1)),
        from == null ? null : AlertState.valueOf(from),
        AlertState.valueOf(rows.getString(first + 3)),
        rows.getString(first + 4),
        rows.getObject(first + 5, OffsetDateTime.class).toInstant(),
        rows.getString(first + 6));
  }

  List<AlertChange> history(Connection c, String alertId) throws SQLException {
    List<AlertChange> changes = new ArrayList<>();
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT event_id, alert_id, action, from_state, to_state, who, at_time, note"
                + " FROM alert_events WHERE alert_id = ? ORDER BY event_id")) {
      query.setString(1, alertId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          changes.add(change(rows, 2).stored(rows.getLong(1)));
        }
      }
    }
    return changes;
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
        s.setNull(i + 1, java.sql.Types.NULL);
      } else {
        s.setObject(i + 1, parameters[i]);
      }
    }
  }

  private static String json(ControlAlert alert) {
    return new String(AlertJson.write(alert), StandardCharsets.UTF_8);
  }

  private static OffsetDateTime utc(Instant instant) {
    return JdbcTelemetryStore.utc(instant);
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
