package dev.vigil.device.safety.detect;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.Finding;
import dev.vigil.device.safety.Hazard;
import dev.vigil.device.safety.TripPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Overdue trip (pure): a trip with an ETA whose vehicle has not reached the destination by the ETA
 * plus {@code grace} raises TRIP_OVERDUE once. Reaching the destination circle counts as arrived;
 * the trip's end comes separately (the trip is cleared).
 */
public final class OverdueDetector {
  /**
   * @param grace 15 min (our choice): ordinary traffic makes a city trip a few minutes late; a
   *     quarter of an hour past the ETA is worth a call from the control room
   */
  public record Thresholds(Duration grace) {
    public static Thresholds defaults() {
      return new Thresholds(Duration.ofMinutes(15));
    }
  }

  private final Thresholds limits;
  private String tripId = "";
  private boolean arrived;
  private boolean raised;

  public OverdueDetector(Thresholds limits) {
    this.limits = limits;
  }

  /**
   * @param fix a fix taken at {@code now}, or null on a tick
   */
  public void update(Instant now, GnssFix fix, TripPlan trip, List<Finding> out) {
    if (trip == null || trip.eta().isEmpty()) {
      return;
    }
    if (!trip.tripId().equals(tripId)) {
      tripId = trip.tripId();
      arrived = false;
      raised = false;
    }
    if (fix != null && trip.destination().isPresent()) {
      arrived |= trip.destination().get().contains(fix.latDeg(), fix.lonDeg());
    }
    Instant due = trip.eta().get().plus(limits.grace());
    if (arrived || raised || !now.isAfter(due)) {
      return;
    }
    raised = true;
    out.add(
        Finding.of(
            Hazard.TRIP_OVERDUE,
            now,
            Map.of(
                "eta", trip.eta().get().toString(),
                "overdueMin", Long.toString(Duration.between(trip.eta().get(), now).toMinutes()))));
  }
}
