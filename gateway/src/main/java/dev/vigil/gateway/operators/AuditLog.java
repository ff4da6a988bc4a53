package dev.vigil.gateway.operators;

import dev.vigil.gateway.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The audit log (table {@code audit_log}): who did what to what and how it ended. Rows are only
 * inserted. Fields longer than their columns are cut, never refused: an audit row must not be lost
 * to a long note.
 */
public final class AuditLog {
  /**
   * One row. {@code who} is an operator's name, or what else acted (e.g. a token's hash prefix).
   */
  public record Entry(
      long id,
      Instant at,
      String who,
      String action,
      String target,
      String outcome,
      String detail) {}

  private final Database database;
  private final Clock clock;

  public AuditLog(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  public void record(String who, String action, String target, String outcome, String detail)
      throws SQLException {
    try (Connection c = database.connect();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO audit_log (at_time, who, action, target, outcome, detail)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setObject(1, OperatorStore.utc(clock.instant()));
      insert.setString(2, cut(who, 128));
      insert.setString(3, cut(action, 64));
      insert.setString(4, cut(target, 200));
      insert.setString(5, cut(outcome, 32));
      insert.setString(6, cut(detail, 1000));
      insert.executeUpdate();
    }
  }

  /** Rows newest first, optionally only of one action and/or one actor. */
  public List<Entry> recent(int limit, Optional<String> action, Optional<String> who)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT audit_id, at_time, who, action, target, outcome, detail FROM audit_log"
                + " WHERE 1 = 1");
    List<String> values = new ArrayList<>();
    action.ifPresent(
        a -> {
          sql.append(" AND action = ?");
          values.add(a);
        });
    who.ifPresent(
        w -> {
          sql.append(" AND who = ?");
          values.add(w);
        });
    sql.append(" ORDER BY audit_id DESC LIMIT ?");
    List<Entry> entries = new ArrayList<>();
    try (Connection c = database.connect();
        PreparedStatement select = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < values.size(); i++) {
        select.setString(i + 1, values.get(i));
      }
      select.setInt(values.size() + 1, limit);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          entries.add(
              new Entry(
                  rows.getLong(1),
                  rows.getObject(2, OffsetDateTime.class).toInstant(),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getString(6),
                  rows.getString(7)));
        }
      }
    }
    return entries;
  }

  /** How many rows of {@code action} on {@code target} ended in {@code outcome} since then. */
  int count(String action, String target, String outcome, Instant since) throws SQLException {
    try (Connection c = database.connect();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT COUNT(*) FROM audit_log WHERE action = ? AND target = ? AND outcome = ?"
                    + " AND at_time > ?")) {
      select.setString(1, action);
      select.setString(2, target);
      select.setString(3, outcome);
      select.setObject(4, OperatorStore.utc(since));
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  private static String cut(String text, int max) {
    String value = text == null ? "" : text;
    return value.length() <= max ? value : value.substring(0, max - 3) + "...";
  }
}
