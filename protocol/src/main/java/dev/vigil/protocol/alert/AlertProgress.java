package dev.vigil.protocol.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * How the handling of an alert has gone so far; added to version 1 of the alert JSON after its
 * first release, so a reader given an older document gets {@link #first}.
 *
 * @param count alarms merged into this alert (the first one included), at least 1
 * @param lastRaisedAt device time of the newest alarm merged into it ({@code raisedAt} for one)
 * @param updatedAt gateway time of the last change: raised, merged, acknowledged, escalated, ...
 * @param escalationLevel 0 until nobody acknowledged in time; then 1, 2, ... per deadline passed
 * @param acknowledgedBy the operator who took it; null until acknowledged
 * @param resolvedBy the operator who closed it; null until resolved
 * @param resolution the reason code it was closed with ({@code HANDLED}, {@code FALSE_ALARM}, ...);
 *     null until resolved
 */
public record AlertProgress(
    int count,
    Instant lastRaisedAt,
    Instant updatedAt,
    int escalationLevel,
    String acknowledgedBy,
    String resolvedBy,
    String resolution) {

  public AlertProgress {
    Objects.requireNonNull(lastRaisedAt, "lastRaisedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    if (escalationLevel < 0) {
      throw new IllegalArgumentException("escalationLevel must be >= 0: " + escalationLevel);
    }
  }

  /** A newly raised alert: one alarm, not escalated, nobody on it yet. */
  public static AlertProgress first(Instant raisedAt, Instant receivedAt) {
    return new AlertProgress(1, raisedAt, receivedAt, 0, null, null, null);
  }

  /** Taken by {@code operator} at {@code at}. */
  public AlertProgress acknowledged(String operator, Instant at) {
    return new AlertProgress(count, lastRaisedAt, at, escalationLevel, operator, null, null);
  }

  /** Closed by {@code operator} for {@code reason} at {@code at}. */
  public AlertProgress resolved(String operator, String reason, Instant at) {
    return new AlertProgress(
        count, lastRaisedAt, at, escalationLevel, acknowledgedBy, operator, reason);
  }

  /** One level further up the chain at {@code at}. */
  public AlertProgress escalated(Instant at) {
    return new AlertProgress(
        count, lastRaisedAt, at, escalationLevel + 1, acknowledgedBy, resolvedBy, resolution);
  }

  /** One more alarm, raised at {@code raisedAt} (device time), merged in at {@code at}. */
  public AlertProgress merged(Instant raisedAt, Instant at) {
    Instant newest = raisedAt.isAfter(lastRaisedAt) ? raisedAt : lastRaisedAt;
    return new AlertProgress(
        count + 1, newest, at, escalationLevel, acknowledgedBy, resolvedBy, resolution);
  }
}
