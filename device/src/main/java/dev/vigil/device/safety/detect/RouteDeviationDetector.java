package dev.vigil.device.safety.detect;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.Finding;
import dev.vigil.device.safety.Hazard;
import dev.vigil.device.safety.TripPlan;
import dev.vigil.device.safety.geo.LocalPlane;
import dev.vigil.device.safety.geo.Polyline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Route deviation (pure): a vehicle outside the corridor around the trip's planned route for at
 * least {@code minOffTime} and {@code minOffDistanceM} of driving raises ROUTE_DEVIATION; back
 * inside for {@code returnTime} raises ROUTE_RETURNED. Both conditions must hold, so a standing
 * vehicle whose fix wanders out (multipath in a street canyon) and a single jump of the fix do not
 * count.
 *
 * <p>Cost per fix: the route segments near the last match are searched first ({@link #BEHIND} back,
 * {@link #AHEAD} forward); only a fix outside the corridor there pays for a scan of the whole
 * route, which also finds where a vehicle rejoins the route further on. A vehicle that was found D
 * metres from the route and has since moved m metres is at least D - m from it (triangle inequality
 * in the plane), so while that bound exceeds the corridor no scan is needed; the {@code offRouteM}
 * reported is then that lower bound.
 */
public final class RouteDeviationDetector {
  static final int BEHIND = 5;
  static final int AHEAD = 30;

  /**
   * Defaults (our choices, checked on the Regensburg and Munich drives): corridor 50 m, wide enough
   * for urban GNSS error and multi-lane roads; 10 s and 50 m outside, which leaves room within the
   * 30 s / 200 m detection target at town speeds; 10 s back inside to clear.
   */
  public record Thresholds(
      double defaultCorridorM, Duration minOffTime, double minOffDistanceM, Duration returnTime) {
    public static Thresholds defaults() {
      return new Thresholds(50, Duration.ofSeconds(5), 60, Duration.ofSeconds(10));
    }
  }

  private final Thresholds limits;
  private String tripId = "";
  private int hint;
  private Instant outsideSince;
  private double outsideDistanceM;
  private Instant insideSince;
  private boolean deviated;
  private GnssFix previous;
  private double scannedX;
  private double scannedY;
  private double scannedM = Double.NEGATIVE_INFINITY;

  public RouteDeviationDetector(Thresholds limits) {
    this.limits = limits;
  }

  public void onFix(GnssFix fix, TripPlan trip, List<Finding> out) {
    if (trip == null || trip.route().isEmpty()) {
      return;
    }
    if (!trip.tripId().equals(tripId)) {
      restart(trip.tripId());
    }
    Polyline route = trip.route().get();
    double offM = distanceToRoute(route, fix, trip.corridorM());
    boolean inside = offM <= trip.corridorM();
    Instant t = fix.fixTime();
    if (inside) {
      onInside(t, offM, out);
    } else {
      onOutside(fix, offM, trip.corridorM(), out);
    }
    previous = fix;
  }

  public boolean deviated() {
    return deviated;
  }

  private double distanceToRoute(Polyline route, GnssFix fix, double corridorM) {
    double x = route.plane().xM(fix.lonDeg());
    double y = route.plane().yM(fix.latDeg());
    Polyline.Nearest near = route.nearest(x, y, hint - BEHIND, hint + AHEAD);
    if (near.distanceM() > corridorM) {
      double atLeastM = scannedM - Math.hypot(x - scannedX, y - scannedY);
      if (atLeastM > corridorM) {
        return Math.max(atLeastM, corridorM + 1e-9);
      }
      Polyline.Nearest all = route.nearest(x, y, 0, route.segments());
      near = all.distanceM() < near.distanceM() ? all : near;
      scannedX = x;
      scannedY = y;
      scannedM = near.distanceM();
    }
    hint = near.segment();
    return near.distanceM();
  }

  private void onInside(Instant t, double offM, List<Finding> out) {
    outsideSince = null;
    outsideDistanceM = 0;
    if (insideSince == null) {
      insideSince = t;
    }
    if (deviated && Duration.between(insideSince, t).compareTo(limits.returnTime()) >= 0) {
      deviated = false;
      out.add(Finding.of(Hazard.ROUTE_RETURNED, t, Map.of("offRouteM", metres(offM))));
    }
  }

  private void onOutside(GnssFix fix, double offM, double corridorM, List<Finding> out) {
    Instant t = fix.fixTime();
    insideSince = null;
    if (outsideSince == null) {
      outsideSince = t;
      outsideDistanceM = 0;
    } else if (previous != null) {
      outsideDistanceM +=
          LocalPlane.distanceM(previous.latDeg(), previous.lonDeg(), fix.latDeg(), fix.lonDeg());
    }
    boolean confirmed =
        !t.equals(outsideSince)
            && (Duration.between(outsideSince, t).compareTo(limits.minOffTime()) >= 0
                || outsideDistanceM >= limits.minOffDistanceM());
    if (!deviated && confirmed) {
      deviated = true;
      out.add(
          Finding.of(
              Hazard.ROUTE_DEVIATION,
              t,
              Map.of(
                  "offRouteM", metres(offM),
                  "corridorM", metres(corridorM),
                  "outsideS", Long.toString(Duration.between(outsideSince, t).toSeconds()),
                  "outsideDistanceM", metres(outsideDistanceM))));
    }
  }

  private void restart(String newTrip) {
    tripId = newTrip;
    hint = 0;
    scannedM = Double.NEGATIVE_INFINITY;
    outsideSince = null;
    insideSince = null;
    deviated = false;
    previous = null;
  }

  private static String metres(double m) {
    return String.format(Locale.ROOT, "%.0f", m);
  }
}
