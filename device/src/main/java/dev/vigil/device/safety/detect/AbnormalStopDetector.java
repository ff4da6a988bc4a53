package dev.vigil.device.safety.detect;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.Finding;
import dev.vigil.device.safety.Hazard;
import dev.vigil.device.safety.TripPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Abnormal stop (pure): on a trip with a passenger or cargo on board, standing still for longer
 * than {@code maxStop} anywhere but a planned stop or the destination raises ABNORMAL_STOP, once
 * per stop. Fed on every fix and every tick, so a stop is caught even when fixes dry up.
 */
public final class AbnormalStopDetector {
  /**
   * @param maxStop 180 s (our choice): longer than a red light (signal cycles are commonly 60–120
   *     s) and a short traffic hold-up, short enough for the control room to call while it matters
   * @param defaultPlaceRadiusM 100 m around a planned stop or destination without its own radius:
   *     the kerb, a car park or a loading bay a little away from the address
   */
  public record Thresholds(Duration maxStop, double defaultPlaceRadiusM) {
    public static Thresholds defaults() {
      return new Thresholds(Duration.ofSeconds(180), 100);
    }
  }

  private final Thresholds limits;
  private Instant raisedFor;

  public AbnormalStopDetector(Thresholds limits) {
    this.limits = limits;
  }

  public void update(Instant now, StopTracker stops, TripPlan trip, List<Finding> out) {
    if (trip == null || !trip.onBoard() || stops.stopFix().isEmpty()) {
      return;
    }
    GnssFix at = stops.stopFix().get();
    Duration stopped = stops.stoppedFor(now);
    if (at.fixTime().equals(raisedFor)
        || stopped.compareTo(limits.maxStop()) < 0
        || trip.atPlannedPlace(at.latDeg(), at.lonDeg())) {
      return;
    }
    raisedFor = at.fixTime();
    out.add(
        Finding.of(
            Hazard.ABNORMAL_STOP,
            now,
            Map.of(
                "stoppedS", Long.toString(stopped.toSeconds()),
                "since", at.fixTime().toString(),
                "lat", String.format(Locale.ROOT, "%.6f", at.latDeg()),
                "lon", String.format(Locale.ROOT, "%.6f", at.lonDeg()))));
  }
}
