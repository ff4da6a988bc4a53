package dev.vigil.device.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.detect.RouteDeviationDetector;
import dev.vigil.device.safety.geo.LocalPlane;
import dev.vigil.device.safety.geo.Polyline;
import dev.vigil.protocol.pb.LatLon;
import dev.vigil.protocol.pb.Trip;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Evaluation of route deviation on real drives, printing detections, misses and false alarms.
 *
 * <p>The planned route is built from the Regensburg Geko track itself, simplified by
 * Douglas–Peucker at {@link #SIMPLIFY_M}: the recording's route sentences are empty ({@code
 * $GPRTE,1,1,c,} with no waypoints, {@code $GPRMB} and {@code $GPBOD} blank in all 789 epochs), so
 * there is no active route to read, and a simplified track is what a router's polyline looks like
 * (vertices at bends, straight runs between them), which makes the test harder than the raw track.
 *
 * <p>Detours are spliced from real track segments: a 2-minute segment of another real drive (Munich
 * NMEA, or the barefoot trace), translated so it starts at a point of the Geko drive, then the Geko
 * drive resumes. Only genuine detours count: segments that are moving (120 m in their first 30 s)
 * and get at least 100 m from the route within their first 150 m (a real turn-off, not a road
 * running beside the route). Each must be detected within 30 s and 200 m of leaving.
 */
@Timeout(60)
class RouteEvaluationTest {
  static final double SIMPLIFY_M = 10;
  private static final int DETOUR_FIXES = 120;
  private static final Duration MAX_DELAY = Duration.ofSeconds(30);
  private static final double MAX_DISTANCE_M = 200;

  private final List<GnssFix> geko = Recordings.geko();
  private final List<double[]> planned =
      Simplify.douglasPeucker(Recordings.points(geko), SIMPLIFY_M);
  private final TripPlan trip = plan(planned);

  @Test
  void followingTheRecordedRouteRaisesNoDeviation() {
    List<Finding> found = run(geko);
    double worst = 0;
    Polyline route = trip.route().orElseThrow();
    for (GnssFix f : geko) {
      worst = Math.max(worst, distance(route, f));
    }
    System.out.printf(
        "route geko: %d fixes against a %d-point planned route (track simplified at %.0f m);"
            + " farthest fix %.1f m from it; false alarms %d%n",
        geko.size(), planned.size(), SIMPLIFY_M, worst, count(found, Hazard.ROUTE_DEVIATION));
    assertEquals(0, count(found, Hazard.ROUTE_DEVIATION), "deviations raised: " + found);
  }

  @Test
  void detoursSplicedFromRealDrivesAreDetectedWithin30sAnd200m() {
    Tally munich = detours("munich", Recordings.munich());
    Tally barefoot = detours("barefoot", Recordings.barefoot());
    assertTrue(munich.detours >= 20 && barefoot.detours >= 20, "too few genuine detours to judge");
    assertEquals(0, munich.missed + barefoot.missed, "missed detours");
    assertEquals(0, munich.late + barefoot.late, "detours detected late");
  }

  @Test
  void comingBackToTheRouteClearsTheDeviation() {
    List<GnssFix> munich = Recordings.munich();
    Tally tally = new Tally();
    for (int k = 40; k < geko.size() - 40; k += 40) {
      for (int j = 0; j + DETOUR_FIXES < munich.size(); j += 90) {
        List<GnssFix> detour = munich.subList(j, j + DETOUR_FIXES);
        if (!genuine(detour, k)) {
          continue;
        }
        List<GnssFix> drive = splice(k, detour);
        List<Finding> found = run(drive);
        tally.detours++;
        // A detour may cross the route and so return and leave more than once; what matters is
        // that it was raised, that the last word is "returned", and that nothing is raised once
        // the drive is back on its route.
        Finding last = found.get(found.size() - 1);
        java.time.Instant resumed = drive.get(k + DETOUR_FIXES + 1).fixTime();
        boolean cleared =
            count(found, Hazard.ROUTE_DEVIATION) >= 1
                && last.hazard() == Hazard.ROUTE_RETURNED
                && found.stream()
                    .noneMatch(
                        f -> f.hazard() == Hazard.ROUTE_DEVIATION && f.at().isAfter(resumed));
        tally.missed += cleared ? 0 : 1;
        tally.delaysS.add(count(found, Hazard.ROUTE_DEVIATION));
        if (!cleared) {
          System.out.printf("route return NOT CLEARED at geko fix %d: %s%n", k, found);
        }
      }
    }
    System.out.printf(
        "route returns: %d detours with a return, %d not cleared at the end, %d raised more"
            + " than once (the detour crossed the route)%n",
        tally.detours, tally.missed, tally.delaysS.stream().filter(n -> n > 1).count());
    assertEquals(0, tally.missed);
  }

  static final class Tally {
    int candidates;
    int detours;
    int detected;
    int late;
    int missed;
    final List<Long> delaysS = new ArrayList<>();
    final List<Double> distancesM = new ArrayList<>();
  }

  private Tally detours(String name, List<GnssFix> source) {
    Tally tally = new Tally();
    for (int k = 20; k < geko.size() - 20; k += 40) {
      for (int j = 0; j + DETOUR_FIXES < source.size(); j += 90) {
        tally.candidates++;
        List<GnssFix> detour = source.subList(j, j + DETOUR_FIXES);
        if (genuine(detour, k)) {
          judge(k, detour, tally);
        }
      }
    }
    tally.delaysS.sort(null);
    tally.distancesM.sort(null);
    System.out.printf(
        "route detours from %s: %d candidates, %d genuine detours, %d detected within 30 s and"
            + " 200 m, %d late, %d missed; delay median %d s max %d s; distance median %.0f m"
            + " max %.0f m%n",
        name,
        tally.candidates,
        tally.detours,
        tally.detected,
        tally.late,
        tally.missed,
        median(tally.delaysS),
        tally.delaysS.isEmpty() ? -1 : tally.delaysS.get(tally.delaysS.size() - 1),
        median(tally.distancesM),
        tally.distancesM.isEmpty() ? -1 : tally.distancesM.get(tally.distancesM.size() - 1));
    return tally;
  }

  private void judge(int k, List<GnssFix> detour, Tally tally) {
    tally.detours++;
    List<GnssFix> drive = splice(k, detour);
    GnssFix leaving = geko.get(k);
    Optional<Finding> first =
        run(drive).stream().filter(f -> f.hazard() == Hazard.ROUTE_DEVIATION).findFirst();
    if (first.isEmpty() || first.get().at().isBefore(leaving.fixTime())) {
      tally.missed++;
      System.out.printf("route detour MISSED at geko fix %d from %s%n", k, detour.get(0).fixTime());
      return;
    }
    Duration delay = Duration.between(leaving.fixTime(), first.get().at());
    double driven = drivenUntil(drive.subList(k, drive.size()), first.get());
    tally.delaysS.add(delay.toSeconds());
    tally.distancesM.add(driven);
    if (delay.compareTo(MAX_DELAY) <= 0 && driven <= MAX_DISTANCE_M) {
      tally.detected++;
    } else {
      tally.late++;
      System.out.printf(
          "route detour LATE at geko fix %d: %d s, %.0f m%n", k, delay.toSeconds(), driven);
    }
  }

  /** The Geko drive up to fix k, the detour moved to start there, then the rest of the drive. */
  private List<GnssFix> splice(int k, List<GnssFix> detour) {
    GnssFix at = geko.get(k);
    GnssFix start = detour.get(0);
    Duration toDetour = Duration.between(start.fixTime(), at.fixTime()).plusSeconds(1);
    double dLat = at.latDeg() - start.latDeg();
    double dLon = at.lonDeg() - start.lonDeg();
    List<GnssFix> drive = new ArrayList<>(geko.subList(0, k + 1));
    for (GnssFix f : detour) {
      drive.add(Recordings.moved(f, toDetour, dLat, dLon));
    }
    Duration resume =
        Duration.between(geko.get(k + 1).fixTime(), drive.get(drive.size() - 1).fixTime())
            .plusSeconds(2);
    drive.addAll(Recordings.shifted(geko.subList(k + 1, geko.size()), resume));
    return drive;
  }

  private boolean genuine(List<GnssFix> detour, int k) {
    GnssFix at = geko.get(k);
    double dLat = at.latDeg() - detour.get(0).latDeg();
    double dLon = at.lonDeg() - detour.get(0).lonDeg();
    Polyline route = trip.route().orElseThrow();
    double driven = 0;
    double farthest = 0;
    for (int i = 1; i < detour.size() && driven <= 150; i++) {
      driven += step(detour.get(i - 1), detour.get(i));
      farthest =
          Math.max(
              farthest,
              distance(route, Recordings.moved(detour.get(i), Duration.ZERO, dLat, dLon)));
    }
    double firstHalfMinute = 0;
    for (int i = 1; i <= 30; i++) {
      firstHalfMinute += step(detour.get(i - 1), detour.get(i));
    }
    return farthest >= 100 && firstHalfMinute >= 120;
  }

  private List<Finding> run(List<GnssFix> fixes) {
    RouteDeviationDetector detector =
        new RouteDeviationDetector(RouteDeviationDetector.Thresholds.defaults());
    List<Finding> found = new ArrayList<>();
    for (GnssFix f : fixes) {
      detector.onFix(f, trip, found);
    }
    return found;
  }

  static TripPlan plan(List<double[]> route) {
    Trip.Builder trip = Trip.newBuilder().setTripId("T-GEKO");
    for (double[] p : route) {
      trip.addRoute(LatLon.newBuilder().setLatDeg(p[0]).setLonDeg(p[1]));
    }
    return TripPlan.from(trip.build(), 50, 100);
  }

  private static double drivenUntil(List<GnssFix> drive, Finding finding) {
    double driven = 0;
    for (int i = 1; i < drive.size() && !drive.get(i).fixTime().isAfter(finding.at()); i++) {
      driven += step(drive.get(i - 1), drive.get(i));
    }
    return driven;
  }

  private static double step(GnssFix a, GnssFix b) {
    return LocalPlane.distanceM(a.latDeg(), a.lonDeg(), b.latDeg(), b.lonDeg());
  }

  private static double distance(Polyline route, GnssFix f) {
    return route
        .nearest(route.plane().xM(f.lonDeg()), route.plane().yM(f.latDeg()), 0, route.segments())
        .distanceM();
  }

  private static long count(List<Finding> found, Hazard hazard) {
    return found.stream().filter(f -> f.hazard() == hazard).count();
  }

  private static <T extends Comparable<T>> T median(List<T> sorted) {
    return sorted.isEmpty() ? null : sorted.get(sorted.size() / 2);
  }
}
