package dev.vigil.device.safety;

import java.time.Instant;
import java.util.Map;

/**
 * What a detector found, before the policy decides who hears of it.
 *
 * @param at time of the input that completed the finding (fix, sample or tick time)
 * @param severe a case the policy escalates at once (far over the limit, a violent manoeuvre)
 * @param details type-specific values, as strings with units in their keys
 */
public record Finding(Hazard hazard, Instant at, boolean severe, Map<String, String> details) {
  public Finding {
    details = Map.copyOf(details);
  }

  public static Finding of(Hazard hazard, Instant at, Map<String, String> details) {
    return new Finding(hazard, at, false, details);
  }
}
