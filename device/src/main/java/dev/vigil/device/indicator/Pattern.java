package dev.vigil.device.indicator;

import java.util.List;

/**
 * An on/off rhythm for one output (pure data): {@code stepsMs} alternate on, off, on, off ..., the
 * whole sequence played {@code repeats} times; the output is off afterwards.
 */
public record Pattern(List<Long> stepsMs, int repeats) {
  public static final Pattern SILENT = new Pattern(List.of(), 0);

  public Pattern {
    stepsMs = List.copyOf(stepsMs);
    if (stepsMs.stream().anyMatch(ms -> ms <= 0) || repeats < 0) {
      throw new IllegalArgumentException("steps must be positive, repeats not negative");
    }
  }

  /** {@code times} pulses of {@code onMs}, {@code offMs} apart. */
  public static Pattern pulses(int times, long onMs, long offMs) {
    return new Pattern(List.of(onMs, offMs), times);
  }

  public long totalMs() {
    return stepsMs.stream().mapToLong(Long::longValue).sum() * repeats;
  }

  /** Whether the output is on {@code elapsedMs} after the start (off once the pattern ended). */
  public boolean onAt(long elapsedMs) {
    long cycleMs = totalMs() / Math.max(1, repeats);
    if (elapsedMs < 0 || elapsedMs >= totalMs()) {
      return false;
    }
    long inCycle = elapsedMs % cycleMs;
    for (int i = 0; i < stepsMs.size(); i++) {
      if (inCycle < stepsMs.get(i)) {
        return i % 2 == 0;
      }
      inCycle -= stepsMs.get(i);
    }
    return false;
  }
}
