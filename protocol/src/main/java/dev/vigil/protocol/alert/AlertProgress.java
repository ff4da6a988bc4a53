package dev.vigil.protocol.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * How the handling of an alert has gone so far; added to version 1 of the alert JSON after its
 * first release, so a reader given an older document gets {@link #first}.
 *
 * @param count alarms merged into this alert (the first one included), at least 1
 * @param updatedAt gateway time of the last change: raised, merged, acknowledged, escalated, ...
 * @param escalationLevel 0 until nobody acknowledged in time; then 1, 2, ... per deadline passed
 * @param acknowledgedBy the operator who took it; null until acknowledged
 * @param resolvedBy the operator who closed it; null until resolved
 * @param resolution the reason code it was closed with ({@code HANDLED}, {@code FALSE_ALARM}, ...);
 *     null until resolved
 */
public record AlertProgress(
    int count,
    Instant updatedAt,
    int escalationLevel,
    String acknowledgedBy,
    String resolvedBy,
    String resolution) {

  public AlertProgress {
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    if (escalationLevel < 0) {
      throw new IllegalArgumentException("escalationLevel must be >= 0: " + escalationLevel);
    }
  }

  /** A newly raised alert: one alarm, not escalated, nobody on it yet. */
  public static AlertProgress first(Instant receivedAt) {
    return new AlertProgress(1, receivedAt, 0, null, null, null);
  }
}
