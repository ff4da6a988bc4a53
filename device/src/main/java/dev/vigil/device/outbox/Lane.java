package dev.vigil.device.outbox;

import java.util.Optional;

/**
 * Outbox priority lanes, most urgent first: the sender always drains a higher lane before a lower
 * one, FIFO inside a lane. Positions are the only lane that may be thinned when the disk budget is
 * full; no alarm is ever dropped. MEDIA (evidence chunks and manifests) sits below every report and
 * above positions.
 *
 * <p>Priority is the declaration order; what the outbox log stores is {@link #code()}, which never
 * changes once released, so a lane added later (MEDIA was) does not make an existing log read
 * positions as something else.
 */
public enum Lane {
  PANIC(0),
  ALARM(1),
  EVENT(2),
  HEALTH(3),
  MEDIA(5),
  POSITION(4);

  private final int code;

  Lane(int code) {
    this.code = code;
  }

  /** The byte stored in the outbox log for this lane. */
  public int code() {
    return code;
  }

  /** The lane stored as {@code code}; empty for a code this version does not know. */
  public static Optional<Lane> fromCode(int code) {
    for (Lane lane : values()) {
      if (lane.code == code) {
        return Optional.of(lane);
      }
    }
    return Optional.empty();
  }
}
