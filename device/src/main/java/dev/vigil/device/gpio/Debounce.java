package dev.vigil.device.gpio;

import java.util.OptionalLong;

/**
 * A debounced digital line (pure: feed it samples, read the result). A change of the raw level
 * becomes the debounced level once the raw level has held for {@code stableMs}; shorter pulses
 * (contact bounce, a spike on a long cable) are ignored. The debounced level's {@code sinceMs} is
 * the time of the edge that started it, not the time it was confirmed.
 *
 * <p>Levels are "active" (pressed, ignition on, power good), already corrected for the wiring's
 * active level. Times are milliseconds on a monotonic clock.
 *
 * @param active the debounced level
 * @param sinceMs when the debounced level's edge happened
 * @param raw the last raw level seen
 * @param rawSinceMs when the raw level last changed
 */
public record Debounce(boolean active, long sinceMs, boolean raw, long rawSinceMs) {

  /** A line first read at {@code timeMs}, trusted as it is (nothing to debounce yet). */
  public static Debounce start(boolean active, long timeMs) {
    return new Debounce(active, timeMs, active, timeMs);
  }

  /** The line reads {@code rawActive} at {@code timeMs}: an edge, or a later look at it. */
  public Debounce sample(long timeMs, boolean rawActive, long stableMs) {
    long rawSince = rawActive == raw ? rawSinceMs : timeMs;
    if (rawActive != active && timeMs - rawSince >= stableMs) {
      return new Debounce(rawActive, rawSince, rawActive, rawSince);
    }
    return new Debounce(active, sinceMs, rawActive, rawSince);
  }

  /** When a look at the line would confirm the change now pending, if one is. */
  public OptionalLong confirmAtMs(long stableMs) {
    return raw == active ? OptionalLong.empty() : OptionalLong.of(rawSinceMs + stableMs);
  }

  public boolean changedFrom(Debounce before) {
    return active != before.active;
  }
}
