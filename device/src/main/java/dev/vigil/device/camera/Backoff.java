package dev.vigil.device.camera;

import java.time.Duration;

/** Restart delay after consecutive failures: min, 2 min, 4 min, ... capped at max (pure). */
public record Backoff(Duration min, Duration max) {
  public Duration after(int failures) {
    if (failures <= 0) {
      return Duration.ZERO;
    }
    long factor = 1L << Math.min(failures - 1, 20);
    Duration delay = min.multipliedBy(factor);
    return delay.compareTo(max) > 0 ? max : delay;
  }
}
