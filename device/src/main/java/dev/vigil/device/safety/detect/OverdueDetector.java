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
 * Overdue trip (pure): a trip with an ETA that has not been ended by the ETA plus {@code grace}
 * raises TRIP_OVERDUE once, with {@code atDestination} telling whether the vehicle is standing at
 * the destination then (arrived, trip not closed) or not. Arrival does not silence it: a vehicle at
 * a red light near its destination looks the same as one that has arrived (the Munich drive stands
 * 22 s within 70 m of where it ends, half an hour before it does), and only the trip's end (the
 * trip cleared) says it is over.
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
  private boolean raised;

  public OverdueDetector(Thresholds limits) {
    this.limits = limits;
  }

  public void update(Instant now, StopTracker stops, TripPlan trip, List<Finding> out) {
    if (trip == null || trip.eta().isEmpty()) {
      return;
    }
    if (!trip.tripId().equals(tripId)) {
      tripId = trip.tripId();
      raised = false;
    }
    Instant due = trip.eta().get().plus(limits.grace());
    if (raised || !now.isAfter(due)) {
      return;
    }
    raised = true;
    out.add(
        Finding.of(
            Hazard.TRIP_OVERDUE,
            now,
            Map.of(
                "eta", trip.eta().get().toString(),
                "overdueMin", Long.toString(Duration.between(trip.eta().get(), now).toMinutes()),
                "atDestination", Boolean.toString(atDestination(stops, trip)))));
  }

  private static boolean atDestination(StopTracker stops, TripPlan trip) {
    if (trip.destination().isEmpty() || stops.stopFix().isEmpty()) {
      return false;
    }
    GnssFix stop = stops.stopFix().get();
    return trip.destination().get().contains(stop.latDeg(), stop.lonDeg());
  }
}
