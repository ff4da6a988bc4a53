package dev.vigil.gateway.alerts;

import dev.vigil.gateway.alerts.AlertChange.Action;
import dev.vigil.protocol.alert.AlertPosition;
import dev.vigil.protocol.alert.AlertProgress;
import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.alert.ControlAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The alert state machine (pure: an alert and the time in, a {@link Step} out).
 *
 * <pre>
 *   OPEN ──ack──> ACKNOWLEDGED ──resolve──> RESOLVED
 *    │  └────────────────resolve──────────────^
 *    └─deadline─> ESCALATED (level 1, 2, ...) ──ack──> ACKNOWLEDGED; ──resolve──> RESOLVED
 * </pre>
 *
 * Repeating what is already so (the same operator acknowledging twice, as an at-least-once MQTT
 * delivery may) is {@link Step.Unchanged}; anything that contradicts the alert's state is refused.
 */
public final class AlertLifecycle {
  private final EscalationPolicy escalation;
  private final Duration mergeWindow;

  /**
   * @param mergeWindow how long after an alert's last change a repeat of the same alarm from the
   *     same vehicle outside any trip is still merged into it
   */
  public AlertLifecycle(EscalationPolicy escalation, Duration mergeWindow) {
    this.escalation = escalation;
    this.mergeWindow = mergeWindow;
  }

  public EscalationPolicy escalation() {
    return escalation;
  }

  public Step acknowledge(ControlAlert alert, String operator, String note, Instant now) {
    AlertState state = alert.state();
    if (state == AlertState.ACKNOWLEDGED) {
      return operator.equals(alert.progress().acknowledgedBy())
          ? new Step.Unchanged(alert)
          : new Step.Refused("already acknowledged by " + alert.progress().acknowledgedBy());
    }
    if (state == AlertState.RESOLVED) {
      return new Step.Refused("already resolved by " + alert.progress().resolvedBy());
    }
    AlertProgress taken = alert.progress().acknowledged(operator, now);
    return change(
        alert,
        alert.with(AlertState.ACKNOWLEDGED, taken),
        Action.ACKNOWLEDGED,
        operator,
        now,
        note);
  }

  public Step resolve(
      ControlAlert alert, String operator, Resolution reason, String note, Instant now) {
    AlertProgress p = alert.progress();
    if (alert.state() == AlertState.RESOLVED) {
      return operator.equals(p.resolvedBy()) && reason.name().equals(p.resolution())
          ? new Step.Unchanged(alert)
          : new Step.Refused("already resolved by " + p.resolvedBy() + " as " + p.resolution());
    }
    if (reason == Resolution.OTHER && note.isBlank()) {
      return new Step.Refused("resolution OTHER needs a note saying what happened");
    }
    AlertProgress closed = p.resolved(operator, reason.name(), now);
    return change(
        alert, alert.with(AlertState.RESOLVED, closed), Action.RESOLVED, operator, now, note);
  }

  /** Escalates one level when the next deadline has passed; otherwise {@link Step.Unchanged}. */
  public Step escalate(ControlAlert alert, Instant now) {
    Optional<Instant> due = escalation.nextAt(alert);
    if (due.isEmpty() || now.isBefore(due.get())) {
      return new Step.Unchanged(alert);
    }
    AlertProgress raised = alert.progress().escalated(now);
    int level = raised.escalationLevel();
    return change(
        alert,
        alert.with(AlertState.ESCALATED, raised),
        Action.ESCALATED,
        "gateway",
        now,
        "no acknowledgement "
            + Duration.between(alert.receivedAt(), due.get()).toSeconds()
            + " s after it was received: level "
            + level);
  }

  /**
   * True when {@code repeat} (a newly raised alert) is the same trouble as the unresolved {@code
   * open} one: same vehicle and type, and the same trip, or, outside trips, within the merge window
   * of the open alert's last change.
   */
  public boolean sameTrouble(ControlAlert open, ControlAlert repeat) {
    if (open.state() == AlertState.RESOLVED
        || open.type() != repeat.type()
        || !open.vehicleId().equals(repeat.vehicleId())) {
      return false;
    }
    if (open.tripId() != null || repeat.tripId() != null) {
      return Objects.equals(open.tripId(), repeat.tripId());
    }
    Duration since = Duration.between(open.progress().updatedAt(), repeat.receivedAt());
    return since.compareTo(mergeWindow) <= 0;
  }

  /** Merges a repeat into the open alert: one more in the count, the newer position kept. */
  public Step merge(ControlAlert open, ControlAlert repeat, Instant now) {
    AlertProgress counted = open.progress().merged(repeat.raisedAt(), now);
    ControlAlert merged = open.with(open.state(), counted).withPosition(newer(open, repeat));
    return change(
        open,
        merged,
        Action.MERGED,
        "device",
        now,
        "repeat " + counted.count() + " raised at " + repeat.raisedAt());
  }

  private static AlertPosition newer(ControlAlert open, ControlAlert repeat) {
    AlertPosition old = open.position();
    AlertPosition latest = repeat.position();
    if (latest == null) {
      return old;
    }
    return old == null || !latest.fixTime().isBefore(old.fixTime()) ? latest : old;
  }

  private static Step change(
      ControlAlert before,
      ControlAlert after,
      Action action,
      String who,
      Instant now,
      String note) {
    return new Step.Changed(
        after,
        new AlertChange(after.alertId(), action, before.state(), after.state(), who, now, note));
  }
}
