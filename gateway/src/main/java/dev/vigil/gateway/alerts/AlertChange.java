package dev.vigil.gateway.alerts;

import dev.vigil.protocol.alert.AlertState;
import java.time.Instant;

/**
 * One change in an alert's life, as stored in {@code alert_events} and audited: what happened, from
 * which state to which, who did it and when (gateway time), and the note they left.
 *
 * @param who an operator's name, {@code device} for alarms, {@code gateway} for escalations
 * @param note free text; may be empty, never null
 * @param eventId its number in {@code alert_events} once stored; 0 before
 */
public record AlertChange(
    String alertId,
    Action action,
    AlertState from,
    AlertState to,
    String who,
    Instant at,
    String note,
    long eventId) {

  /** A change not stored yet. */
  public AlertChange(
      String alertId,
      Action action,
      AlertState from,
      AlertState to,
      String who,
      Instant at,
      String note) {
    this(alertId, action, from, to, who, at, note, 0);
  }

  /** This change as stored under {@code id}. */
  public AlertChange stored(long id) {
    return new AlertChange(alertId, action, from, to, who, at, note, id);
  }

  /** What happened. {@code from} is null for {@link #RAISED}. */
  public enum Action {
    RAISED,
    MERGED,
    ACKNOWLEDGED,
    ESCALATED,
    RESOLVED
  }
}
