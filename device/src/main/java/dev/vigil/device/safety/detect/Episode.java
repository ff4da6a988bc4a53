package dev.vigil.device.safety.detect;

import dev.vigil.device.safety.Finding;
import dev.vigil.device.safety.Hazard;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One manoeuvre of one kind: raised once when a value has stayed at or over its threshold for a
 * minimum time, re-armed only after it falls below {@link #REARM} of the threshold, so one long
 * braking is one event, not one per sample.
 */
final class Episode {
  static final double REARM = 0.8;

  private final Hazard hazard;
  private final String source;
  private final double thresholdMps2;
  private final Duration minDuration;
  private final double severeFactor;
  private Instant aboveSince;
  private boolean raised;

  Episode(
      Hazard hazard,
      String source,
      double thresholdMps2,
      Duration minDuration,
      double severeFactor) {
    this.hazard = hazard;
    this.source = source;
    this.thresholdMps2 = thresholdMps2;
    this.minDuration = minDuration;
    this.severeFactor = severeFactor;
  }

  /**
   * @param valueMps2 the magnitude in this manoeuvre's direction (positive = harsher)
   */
  void update(Instant t, double valueMps2, List<Finding> out) {
    if (valueMps2 < thresholdMps2) {
      aboveSince = null;
      raised = raised && valueMps2 >= thresholdMps2 * REARM;
      return;
    }
    if (aboveSince == null) {
      aboveSince = t;
    }
    if (!raised && Duration.between(aboveSince, t).compareTo(minDuration) >= 0) {
      raised = true;
      boolean severe = valueMps2 >= thresholdMps2 * severeFactor;
      out.add(new Finding(hazard, t, severe, details(valueMps2)));
    }
  }

  private Map<String, String> details(double valueMps2) {
    return Map.of(
        "accelerationMps2", String.format(Locale.ROOT, "%.2f", valueMps2),
        "thresholdMps2", String.format(Locale.ROOT, "%.2f", thresholdMps2),
        "source", source);
  }
}
