package dev.vigil.gateway.desk;

import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.alert.ControlAlert;
import dev.vigil.protocol.alert.Severity;
import java.time.Instant;
import java.util.Comparator;

/**
 * One live alert as the desk shows it: the latest state the gateway published for it.
 *
 * @param receivedAt gateway time the alert was received: its age counts from here
 * @param updatedAt gateway time of its last change, to drop a stale copy arriving late
 * @param acknowledgedBy null until an operator took it
 */
public record DeskRow(
    String alertId,
    String type,
    Severity severity,
    AlertState state,
    String vehicleId,
    int count,
    int escalationLevel,
    Instant receivedAt,
    Instant updatedAt,
    String acknowledgedBy) {

  /**
   * The desk's order: first what nobody has taken and must be taken now (unacknowledged CRITICAL,
   * and anything ESCALATED), then the rest nobody has taken, then the acknowledged ones; oldest
   * first inside each group, since the longest wait is the most urgent.
   */
  public static final Comparator<DeskRow> URGENCY =
      Comparator.comparingInt(DeskRow::urgencyGroup)
          .thenComparing(DeskRow::receivedAt)
          .thenComparing(DeskRow::alertId);

  public static DeskRow of(ControlAlert alert) {
    return new DeskRow(
        alert.alertId(),
        alert.type().name(),
        alert.severity(),
        alert.state(),
        alert.vehicleId(),
        alert.progress().count(),
        alert.progress().escalationLevel(),
        alert.receivedAt(),
        alert.progress().updatedAt(),
        alert.progress().acknowledgedBy());
  }

  /** True while nobody has acknowledged it. */
  public boolean unacknowledged() {
    return state == AlertState.OPEN || state == AlertState.ESCALATED;
  }

  /** True when it must be taken now: an unacknowledged CRITICAL or an escalated alert. */
  public boolean urgent() {
    return state == AlertState.ESCALATED || (unacknowledged() && severity == Severity.CRITICAL);
  }

  private int urgencyGroup() {
    if (urgent()) {
      return 0;
    }
    return unacknowledged() ? 1 : 2;
  }
}
