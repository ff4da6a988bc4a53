package dev.vigil.gateway.store;

import dev.vigil.protocol.alert.AlertJson;
import dev.vigil.protocol.alert.ControlAlert;
import dev.vigil.protocol.pb.Position;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@link TelemetryStore} over JDBC, for H2 and PostgreSQL alike. Each batch runs on a writer
 * connection of its own, kept open between batches (as many as there are ingest writers calling at
 * once); the alarm path holds one more; reads open their own.
 */
public final class JdbcTelemetryStore implements TelemetryStore, AutoCloseable {
  private static final String INSERT_POSITIONS =
      "INSERT INTO positions (device_id, seq, vehicle_id, fix_time, received_at, lat_deg, lon_deg,"
          + " speed_mps, heading_deg, altitude_m, fix_mode, satellites, hdop) VALUES ";
  private static final String POSITION_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final int POSITION_PARAMETERS = 13;

  /**
   * Positions go in as multi-row INSERTs of up to this many rows: 6,500 parameters, well under
   * PostgreSQL's 32,767 per statement. Measured faster than a JDBC batch of single-row INSERTs (see
   * scripts/bench-ingest), and unlike pgjdbc's reWriteBatchedInserts it still reports how many rows
   * were new, which the duplicate count needs.
   */
  private static final int POSITION_CHUNK = 500;

  private static final String INSERT_EVENT =
      "INSERT INTO events (device_id, seq, vehicle_id, type, at_time, received_at, trip_id)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
  private static final String INSERT_HEALTH =
      "INSERT INTO health_reports (device_id, seq, at_time, received_at, gnss_ok, ignition_on,"
          + " outbox_records) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
  private static final String INSERT_ALARM =
      "INSERT INTO alarms (device_id, seq, alarm_id, vehicle_id, type, raised_at, received_at,"
          + " trip_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
  private static final String INSERT_ALERT =
      "INSERT INTO alerts (alert_id, type, severity, state, vehicle_id, device_id, trip_id,"
          + " raised_at, received_at, late, alert_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT DO NOTHING";

  private final Database database;
  private final java.util.concurrent.ConcurrentLinkedQueue<Connection> idleBatchWriters =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final Object alarmLock = new Object();
  private Connection alarmWriter;

  public JdbcTelemetryStore(Database database) {
    this.database = database;
  }

  @Override
  public int storeBatch(List<Uplink> uplinks) throws SQLException {
    Connection writer = open(idleBatchWriters.poll());
    try {
      return storeBatch(writer, uplinks);
    } finally {
      // Back for the next batch unless it broke; a closed one is replaced on the next call.
      if (!writer.isClosed()) {
        idleBatchWriters.add(writer);
      }
    }
  }

  private int storeBatch(Connection connection, List<Uplink> uplinks) throws SQLException {
    List<Uplink.PositionReport> positions = new ArrayList<>(uplinks.size());
    try (PreparedStatement events = connection.prepareStatement(INSERT_EVENT);
        PreparedStatement health = connection.prepareStatement(INSERT_HEALTH)) {
      for (Uplink uplink : uplinks) {
        if (uplink instanceof Uplink.PositionReport p) {
          positions.add(p);
        } else if (uplink instanceof Uplink.EventReport e) {
          bindEvent(events, e);
        } else if (uplink instanceof Uplink.HealthReport h) {
          bindHealth(health, h);
        } else {
          throw new IllegalArgumentException("alarms are stored one by one: storeAlarm");
        }
      }
      int stored = insertPositions(connection, positions) + count(events.executeBatch());
      stored += count(health.executeBatch());
      connection.commit();
      return stored;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(connection);
      throw e;
    }
  }

  private static int insertPositions(Connection connection, List<Uplink.PositionReport> reports)
      throws SQLException {
    int stored = 0;
    for (int from = 0; from < reports.size(); ) {
      int rows = Math.min(POSITION_CHUNK, Integer.highestOneBit(reports.size() - from));
      List<Uplink.PositionReport> chunk = reports.subList(from, from + rows);
      from += rows;
      String sql =
          INSERT_POSITIONS
              + String.join(", ", Collections.nCopies(chunk.size(), POSITION_ROW))
              + " ON CONFLICT DO NOTHING";
      try (PreparedStatement insert = connection.prepareStatement(sql)) {
        int offset = 0;
        for (Uplink.PositionReport report : chunk) {
          bindPosition(insert, offset, report);
          offset += POSITION_PARAMETERS;
        }
        stored += insert.executeUpdate();
      }
    }
    return stored;
  }

  @Override
  public boolean storeAlarm(Uplink.AlarmReport report, ControlAlert alert) throws SQLException {
    synchronized (alarmLock) {
      alarmWriter = open(alarmWriter);
      return storeAlarm(alarmWriter, report, alert);
    }
  }

  private boolean storeAlarm(Connection connection, Uplink.AlarmReport report, ControlAlert alert)
      throws SQLException {
    try (PreparedStatement alarm = connection.prepareStatement(INSERT_ALARM);
        PreparedStatement raised = connection.prepareStatement(INSERT_ALERT)) {
      Uplink.Origin origin = report.origin();
      alarm.setString(1, origin.deviceId());
      alarm.setLong(2, origin.seq());
      alarm.setString(3, report.alarm().getAlarmId());
      alarm.setString(4, origin.vehicleId());
      alarm.setString(5, alert.type().name());
      alarm.setObject(6, utc(alert.raisedAt()));
      alarm.setObject(7, utc(origin.receivedAt()));
      alarm.setString(8, alert.tripId());
      alarm.executeUpdate();
      bindAlert(raised, alert);
      boolean isNew = raised.executeUpdate() == 1;
      connection.commit();
      return isNew;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(connection);
      throw e;
    }
  }

  @Override
  public List<ControlAlert> recentAlerts(int limit) throws SQLException {
    List<ControlAlert> alerts = new ArrayList<>();
    try (Connection connection = database.connect();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT alert_json FROM alerts ORDER BY received_at DESC, alert_id LIMIT ?")) {
      query.setInt(1, limit);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          alerts.add(AlertJson.read(rows.getString(1).getBytes(StandardCharsets.UTF_8)));
        }
      }
    }
    return alerts;
  }

  @Override
  public List<StoredPosition> positions(String vehicleId, Instant from, Instant to, int limit)
      throws SQLException {
    List<StoredPosition> positions = new ArrayList<>();
    try (Connection connection = database.connect();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT device_id, seq, fix_time, received_at, lat_deg, lon_deg, speed_mps,"
                    + " heading_deg, fix_mode FROM positions WHERE vehicle_id = ?"
                    + " AND fix_time >= ? AND fix_time < ? ORDER BY fix_time, seq LIMIT ?")) {
      query.setString(1, vehicleId);
      query.setObject(2, utc(from));
      query.setObject(3, utc(to));
      query.setInt(4, limit);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          positions.add(position(rows));
        }
      }
    }
    return positions;
  }

  @Override
  public void close() throws SQLException {
    for (Connection writer = idleBatchWriters.poll();
        writer != null;
        writer = idleBatchWriters.poll()) {
      closeQuietly(writer);
    }
    synchronized (alarmLock) {
      closeQuietly(alarmWriter);
      alarmWriter = null;
    }
  }

  /** The writer connection, opened (again) when needed; each writer lane has its own. */
  private Connection open(Connection current) throws SQLException {
    if (current != null && !current.isClosed()) {
      return current;
    }
    Connection connection = database.connect();
    connection.setAutoCommit(false);
    return connection;
  }

  private static void closeQuietly(Connection connection) {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException e) {
      // Closing at shutdown: nothing is pending on a writer connection between transactions.
    }
  }

  /** Binds one row's 13 parameters after the first {@code offset} ones. */
  private static void bindPosition(PreparedStatement s, int offset, Uplink.PositionReport report)
      throws SQLException {
    Uplink.Origin origin = report.origin();
    Position p = report.position();
    s.setString(offset + 1, origin.deviceId());
    s.setLong(offset + 2, origin.seq());
    s.setString(offset + 3, origin.vehicleId());
    s.setObject(offset + 4, utc(Instant.ofEpochMilli(p.getFixTimeMs())));
    s.setObject(offset + 5, utc(origin.receivedAt()));
    s.setDouble(offset + 6, p.getLatDeg());
    s.setDouble(offset + 7, p.getLonDeg());
    s.setFloat(offset + 8, p.getSpeedMps());
    setFloatOrNull(s, offset + 9, p.getHeadingDeg());
    setFloatOrNull(s, offset + 10, p.getAltitudeM());
    s.setShort(offset + 11, (short) p.getFixModeValue());
    s.setShort(offset + 12, (short) Math.min(p.getSatellites(), Short.MAX_VALUE));
    setFloatOrNull(s, offset + 13, p.getHdop());
  }

  private static void bindEvent(PreparedStatement s, Uplink.EventReport report)
      throws SQLException {
    Uplink.Origin origin = report.origin();
    s.setString(1, origin.deviceId());
    s.setLong(2, origin.seq());
    s.setString(3, origin.vehicleId());
    s.setString(4, report.event().getType());
    s.setObject(5, utc(Instant.ofEpochMilli(report.event().getAtMs())));
    s.setObject(6, utc(origin.receivedAt()));
    s.setString(7, emptyToNull(report.event().getTripId()));
    s.addBatch();
  }

  private static void bindHealth(PreparedStatement s, Uplink.HealthReport report)
      throws SQLException {
    Uplink.Origin origin = report.origin();
    s.setString(1, origin.deviceId());
    s.setLong(2, origin.seq());
    s.setObject(3, utc(Instant.ofEpochMilli(report.health().getAtMs())));
    s.setObject(4, utc(origin.receivedAt()));
    s.setBoolean(5, report.health().getGnssOk());
    s.setBoolean(6, report.health().getIgnitionOn());
    s.setLong(7, report.health().getOutboxRecords());
    s.addBatch();
  }

  private static void bindAlert(PreparedStatement s, ControlAlert alert) throws SQLException {
    s.setString(1, alert.alertId());
    s.setString(2, alert.type().name());
    s.setString(3, alert.severity().name());
    s.setString(4, alert.state().name());
    s.setString(5, alert.vehicleId());
    s.setString(6, alert.deviceId());
    s.setString(7, alert.tripId());
    s.setObject(8, utc(alert.raisedAt()));
    s.setObject(9, utc(alert.receivedAt()));
    s.setBoolean(10, alert.late());
    s.setString(11, new String(AlertJson.write(alert), StandardCharsets.UTF_8));
  }

  private static StoredPosition position(ResultSet rows) throws SQLException {
    float heading = rows.getFloat(8);
    Double headingDeg = rows.wasNull() || Float.isNaN(heading) ? null : (double) heading;
    return new StoredPosition(
        rows.getString(1),
        rows.getLong(2),
        rows.getObject(3, OffsetDateTime.class).toInstant(),
        rows.getObject(4, OffsetDateTime.class).toInstant(),
        rows.getDouble(5),
        rows.getDouble(6),
        rows.getFloat(7),
        headingDeg,
        rows.getShort(9));
  }

  private static void setFloatOrNull(PreparedStatement s, int index, float value)
      throws SQLException {
    if (Float.isNaN(value)) {
      s.setNull(index, Types.REAL);
    } else {
      s.setFloat(index, value);
    }
  }

  private static int count(int[] results) {
    int stored = 0;
    for (int result : results) {
      // SUCCESS_NO_INFO (-2) means the driver did not count: treat as stored.
      stored += result == PreparedStatement.SUCCESS_NO_INFO ? 1 : Math.max(result, 0);
    }
    return stored;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The original failure is what the caller needs; the connection is reopened next time.
    }
  }
}
