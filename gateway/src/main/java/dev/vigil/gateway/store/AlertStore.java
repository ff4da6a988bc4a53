package dev.vigil.gateway.store;

import dev.vigil.gateway.alerts.AlertChange;
import dev.vigil.gateway.alerts.Step;
import dev.vigil.protocol.alert.ControlAlert;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where alerts live with their history. Every change is stored together with its {@link
 * AlertChange} in one transaction, so {@code alert_events} is the complete story of each alert.
 * Safe to share between gateways on one database: each change holds the alert's row lock.
 */
public interface AlertStore {
  /** Decides what a new alarm does when nothing of its vehicle can change meanwhile. */
  interface Raiser {
    /**
     * @param unresolved the vehicle's unresolved alerts of the alarm's type, newest first
     * @return a RAISED change (a new alert) or a MERGED one (into one of {@code unresolved})
     */
    Step.Changed decide(List<ControlAlert> unresolved);
  }

  /**
   * Stores an alarm and what it does to the alerts, in one transaction holding the vehicle's lock.
   *
   * @return the change, or empty when this alarm (same device and alarm id) was stored before
   */
  Optional<Step.Changed> raise(Uplink.AlarmReport alarm, ControlAlert candidate, Raiser raiser)
      throws SQLException;

  /**
   * Stores an alert the gateway raised itself (no device alarm behind it), like {@link #raise}.
   *
   * @return the change, or empty when an alert with the candidate's id exists already
   */
  Optional<Step.Changed> raiseOwn(ControlAlert candidate, Raiser raiser) throws SQLException;

  /**
   * Applies {@code rule} to the alert under its row lock and stores the change it returns.
   *
   * @return empty when there is no such alert
   */
  Optional<Step> change(String alertId, Function<ControlAlert, Step> rule) throws SQLException;

  /**
   * Claims up to {@code limit} alerts whose escalation is due at {@code now}, skipping any another
   * gateway holds, and stores what {@code rule} makes of each.
   */
  List<Step.Changed> escalateDue(Instant now, int limit, Function<ControlAlert, Step> rule)
      throws SQLException;

  /** Notes that a change was handed to every sink (see {@link #republish}). */
  void published(long eventId, Instant at) throws SQLException;

  /**
   * Hands to {@code sinks} the changes committed before {@code before} that were never marked
   * published (their gateway died between commit and sinks), claiming each so that of N gateways
   * one sends it, and marks them.
   *
   * @return how many were sent
   */
  int republish(Instant before, int limit, Instant now, Consumer<Step.Changed> sinks)
      throws SQLException;

  Optional<ControlAlert> find(String alertId) throws SQLException;

  /** Oldest first. */
  List<AlertChange> history(String alertId) throws SQLException;

  /** The device's alarm ids raised into this alert, oldest first. */
  List<String> alarmIds(String alertId) throws SQLException;
}
