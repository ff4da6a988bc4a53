package dev.vigil.device.safety;

import java.time.Instant;
import java.util.Map;

/** An in-cab warning: what the voice, buzzer and LED outputs announce. */
public record DriverWarning(
    Hazard hazard, Instant at, boolean severe, Map<String, String> details) {
  public DriverWarning {
    details = Map.copyOf(details);
  }
}
