package dev.vigil.gateway.retention;

import dev.vigil.gateway.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The retention deletes, for H2 and PostgreSQL alike. Each call removes at most {@code limit} of
 * the oldest rows (by the time-ordered indexes of V008) in one short transaction. PostgreSQL has no
 * {@code DELETE ... LIMIT}, so each picks its keys in a limited subquery.
 */
public final class RetentionSql {
  private final Database database;

  public RetentionSql(Database database) {
    this.database = database;
  }

  /** Positions by fix time (the GNSS time the column a partitioned table is split on). */
  public int positions(Instant cutoff, int limit) throws SQLException {
    return update(
        "DELETE FROM positions WHERE (device_id, seq) IN (SELECT device_id, seq FROM positions"
            + " WHERE fix_time < ? ORDER BY fix_time LIMIT ?)",
        utc(cutoff),
        limit);
  }

  /** Health reports by the time the gateway received them. */
  public int health(Instant cutoff, int limit) throws SQLException {
    return update(
        "DELETE FROM health_reports WHERE (device_id, seq) IN (SELECT device_id, seq"
            + " FROM health_reports WHERE received_at < ? ORDER BY received_at LIMIT ?)",
        utc(cutoff),
        limit);
  }

  /** Events by the time the gateway received them. */
  public int events(Instant cutoff, int limit) throws SQLException {
    return update(
        "DELETE FROM events WHERE (device_id, seq) IN (SELECT device_id, seq FROM events"
            + " WHERE received_at < ? ORDER BY received_at LIMIT ?)",
        utc(cutoff),
        limit);
  }

  /** Trips that ended before the cutoff; a running trip (not ended) is never touched. */
  public int trips(Instant cutoff, int limit) throws SQLException {
    return update(
        "DELETE FROM trips WHERE trip_id IN (SELECT trip_id FROM trips WHERE ended_at < ?"
            + " ORDER BY ended_at LIMIT ?)",
        utc(cutoff),
        limit);
  }

  /**
   * Alerts RESOLVED before the cutoff (their last change, the resolution, set {@code updated_at}),
   * with their history, their alarms and their media manifests: at most {@code limit} alerts in one
   * transaction. An alert that is not resolved is never touched, nor one that still has recordings
   * (under legal hold, or not yet past {@code media.retention-h}).
   *
   * @return the alerts picked, and the rows removed from all four tables
   */
  public Cutoffs.Batch resolvedAlerts(Instant cutoff, int limit) throws SQLException {
    try (Connection c = database.connect()) {
      c.setAutoCommit(false);
      try {
        List<String> ids = oldResolved(c, cutoff, limit);
        int removed = 0;
        if (!ids.isEmpty()) {
          String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
          removed += update(c, "DELETE FROM alert_events WHERE alert_id IN (" + in + ")", ids);
          removed += update(c, "DELETE FROM alarms WHERE alert_id IN (" + in + ")", ids);
          removed += update(c, "DELETE FROM media_manifests WHERE alert_id IN (" + in + ")", ids);
          removed +=
              update(
                  c,
                  "DELETE FROM alerts WHERE state = 'RESOLVED' AND alert_id IN (" + in + ")",
                  ids);
        }
        c.commit();
        return new Cutoffs.Batch(ids.size(), removed);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static List<String> oldResolved(Connection c, Instant cutoff, int limit)
      throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT a.alert_id FROM alerts a WHERE a.state = 'RESOLVED' AND a.updated_at < ?"
                + " AND NOT EXISTS (SELECT 1 FROM media_items m WHERE m.alert_id = a.alert_id)"
                + " ORDER BY a.updated_at LIMIT ? FOR UPDATE")) {
      s.setObject(1, utc(cutoff));
      s.setInt(2, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getString(1));
        }
      }
    }
    return ids;
  }

  private static int update(Connection c, String sql, List<String> ids) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < ids.size(); i++) {
        s.setString(i + 1, ids.get(i));
      }
      return s.executeUpdate();
    }
  }

  private int update(String sql, Object... args) throws SQLException {
    try (Connection c = database.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      return s.executeUpdate();
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
