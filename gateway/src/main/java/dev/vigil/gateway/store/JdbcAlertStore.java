package dev.vigil.gateway.store;

import dev.vigil.gateway.alerts.AlertChange;
import dev.vigil.gateway.alerts.Step;
import dev.vigil.protocol.alert.ControlAlert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link AlertStore} over JDBC, for H2 and PostgreSQL alike. Alarms are raised on one connection
 * kept for the ingest alarm lane (a panic must not wait for a new connection); changes and sweeps
 * open their own.
 */
public final class JdbcAlertStore implements AlertStore, AutoCloseable {
  private static final String UNRESOLVED =
      "SELECT alert_json, version FROM alerts WHERE vehicle_id = ? AND type = ?"
          + " AND state <> 'RESOLVED' ORDER BY received_at DESC FOR UPDATE";
  private static final String BY_ID = "SELECT alert_json, version FROM alerts WHERE alert_id = ?";
  private static final String DUE =
      "SELECT alert_json, version FROM alerts WHERE escalate_at <= ? ORDER BY escalate_at"
          + " LIMIT ? FOR UPDATE SKIP LOCKED";

  private final Database database;
  private final AlertRows rows;
  private final Object raiseLock = new Object();
  private Connection raiser;

  /**
   * @param nextEscalation when an alert escalates next (empty: never); stored to find due ones
   */
  public JdbcAlertStore(
      Database database, Function<ControlAlert, Optional<Instant>> nextEscalation) {
    this.database = database;
    this.rows = new AlertRows(nextEscalation);
  }

  @Override
  public Optional<Step.Changed> raise(
      Uplink.AlarmReport alarm, ControlAlert candidate, Raiser decider) throws SQLException {
    synchronized (raiseLock) {
      if (raiser == null || raiser.isClosed()) {
        raiser = database.connect();
        raiser.setAutoCommit(false);
      }
      return inTransaction(raiser, c -> raise(c, Optional.of(alarm), candidate, decider));
    }
  }

  @Override
  public Optional<Step.Changed> raiseOwn(ControlAlert candidate, Raiser decider)
      throws SQLException {
    try (Connection c = database.connect()) {
      c.setAutoCommit(false);
      return inTransaction(c, tx -> raise(tx, Optional.empty(), candidate, decider));
    }
  }

  private Optional<Step.Changed> raise(
      Connection c, Optional<Uplink.AlarmReport> alarm, ControlAlert candidate, Raiser decider)
      throws SQLException {
    rows.lockVehicle(c, candidate.vehicleId());
    List<AlertRows.Versioned> open =
        rows.query(c, UNRESOLVED, candidate.vehicleId(), candidate.type().name());
    Step.Changed step = decider.decide(open.stream().map(AlertRows.Versioned::alert).toList());
    if (alarm.isPresent() && !rows.insertAlarm(c, alarm.get(), step.alert())) {
      c.rollback();
      return Optional.empty();
    }
    if (step.change().action() == AlertChange.Action.RAISED) {
      if (!rows.insert(c, step.alert())) {
        c.rollback();
        return Optional.empty();
      }
    } else {
      rows.update(c, step.alert(), versionOf(open, step.alert().alertId()));
    }
    return Optional.of(
        new Step.Changed(step.alert(), rows.insertEvent(c, step.change(), step.alert())));
  }

  @Override
  public Optional<Step> change(String alertId, Function<ControlAlert, Step> rule)
      throws SQLException {
    try (Connection c = database.connect()) {
      c.setAutoCommit(false);
      return inTransaction(
          c,
          tx -> {
            List<AlertRows.Versioned> found = rows.query(tx, BY_ID + " FOR UPDATE", alertId);
            if (found.isEmpty()) {
              return Optional.empty();
            }
            Step step = rule.apply(found.get(0).alert());
            if (step instanceof Step.Changed changed) {
              return Optional.of(store(tx, changed, found.get(0).version()));
            }
            return Optional.of(step);
          });
    }
  }

  @Override
  public List<Step.Changed> escalateDue(Instant now, int limit, Function<ControlAlert, Step> rule)
      throws SQLException {
    try (Connection c = database.connect()) {
      c.setAutoCommit(false);
      return inTransaction(
          c,
          tx -> {
            List<Step.Changed> changes = new ArrayList<>();
            for (AlertRows.Versioned due :
                rows.query(tx, DUE, JdbcTelemetryStore.utc(now), limit)) {
              if (rule.apply(due.alert()) instanceof Step.Changed changed) {
                changes.add(store(tx, changed, due.version()));
              }
            }
            return changes;
          });
    }
  }

  @Override
  public Optional<ControlAlert> find(String alertId) throws SQLException {
    try (Connection c = database.connect()) {
      return rows.query(c, BY_ID, alertId).stream().findFirst().map(AlertRows.Versioned::alert);
    }
  }

  @Override
  public List<AlertChange> history(String alertId) throws SQLException {
    try (Connection c = database.connect()) {
      return rows.history(c, alertId);
    }
  }

  @Override
  public List<String> alarmIds(String alertId) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = database.connect();
        PreparedStatement query =
            c.prepareStatement(
                "SELECT alarm_id FROM alarms WHERE alert_id = ? ORDER BY raised_at, alarm_id")) {
      query.setString(1, alertId);
      try (ResultSet found = query.executeQuery()) {
        while (found.next()) {
          ids.add(found.getString(1));
        }
      }
    }
    return ids;
  }

  private Step.Changed store(Connection c, Step.Changed changed, long version) throws SQLException {
    rows.update(c, changed.alert(), version);
    return new Step.Changed(
        changed.alert(), rows.insertEvent(c, changed.change(), changed.alert()));
  }

  @Override
  public void published(long eventId, Instant at) throws SQLException {
    try (Connection c = database.connect()) {
      rows.published(c, eventId, at);
    }
  }

  @Override
  public int republish(Instant before, int limit, Instant now, Consumer<Step.Changed> sinks)
      throws SQLException {
    try (Connection c = database.connect()) {
      c.setAutoCommit(false);
      return inTransaction(
          c,
          tx -> {
            List<Step.Changed> stale = rows.unpublished(tx, before, limit);
            for (Step.Changed changed : stale) {
              sinks.accept(changed);
              rows.published(tx, changed.change().eventId(), now);
            }
            return stale.size();
          });
    }
  }

  private static long versionOf(List<AlertRows.Versioned> open, String alertId) {
    return open.stream()
        .filter(v -> v.alert().alertId().equals(alertId))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("merged into an alert not offered"))
        .version();
  }

  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // The original failure is what the caller needs.
      }
      throw e;
    }
  }

  @Override
  public void close() throws SQLException {
    synchronized (raiseLock) {
      if (raiser != null) {
        raiser.close();
        raiser = null;
      }
    }
  }
}
