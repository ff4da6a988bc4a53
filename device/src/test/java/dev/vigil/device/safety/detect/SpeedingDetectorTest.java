package dev.vigil.device.safety.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.Finding;
import dev.vigil.device.safety.Hazard;
import dev.vigil.device.safety.Recordings;
import dev.vigil.device.safety.geo.Polygon;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Speeding on the Munich drive (speeds up to about 60 km/h) with low limits. */
@Timeout(30)
class SpeedingDetectorTest {
  private static final List<GnssFix> MUNICH = Recordings.munich();

  private static SpeedingDetector.Thresholds limit(double kmh, Duration minDuration) {
    return new SpeedingDetector.Thresholds(kmh, 5, 3, minDuration, 20, List.of());
  }

  private static List<Finding> run(SpeedingDetector.Thresholds thresholds) {
    SpeedingDetector detector = new SpeedingDetector(thresholds);
    List<Finding> found = new ArrayList<>();
    MUNICH.forEach(f -> detector.onFix(f, found));
    return found;
  }

  @Test
  void speedingIsRaisedOnlyAfterThreeSecondsOverTheLimit() {
    List<Finding> found = run(limit(40, Duration.ofSeconds(3)));
    List<Finding> speeding = of(found, Hazard.SPEEDING);
    assertFalse(speeding.isEmpty());
    for (Finding f : speeding) {
      for (GnssFix fix : MUNICH) {
        Duration before = Duration.between(fix.fixTime(), f.at());
        if (!before.isNegative() && before.compareTo(Duration.ofSeconds(3)) <= 0) {
          assertTrue(fix.speedMps() * 3.6 > 40, "under the limit within 3 s before " + f);
        }
      }
    }
  }

  @Test
  void oneEpisodeIsRaisedOnceUntilTheSpeedDropsBelowTheHysteresis() {
    List<Finding> speeding = of(run(limit(40, Duration.ofSeconds(3))), Hazard.SPEEDING);
    for (int i = 1; i < speeding.size(); i++) {
      Finding previous = speeding.get(i - 1);
      Finding next = speeding.get(i);
      boolean dropped =
          MUNICH.stream()
              .filter(f -> f.fixTime().isAfter(previous.at()) && f.fixTime().isBefore(next.at()))
              .anyMatch(f -> f.speedMps() * 3.6 < 37);
      assertTrue(dropped || next.severe(), "raised twice without dropping below 37 km/h: " + next);
    }
    int withoutDebounce = of(run(limit(40, Duration.ZERO)), Hazard.SPEEDING).size();
    System.out.printf(
        "speeding munich at 40 km/h: %d episodes with a 3-s minimum, %d without%n",
        speeding.size(), withoutDebounce);
    assertTrue(withoutDebounce > speeding.size(), "the minimum duration filtered nothing");
  }

  @Test
  void aPreWarningComesBeforeEachSpeedingFromBelow() {
    List<Finding> found = run(limit(40, Duration.ofSeconds(3)));
    Finding first = of(found, Hazard.SPEEDING).get(0);
    assertTrue(
        of(found, Hazard.SPEEDING_PREWARN).stream().anyMatch(p -> p.at().isBefore(first.at())));
  }

  @Test
  void aZoneLimitAppliesOnlyInsideItsPolygon() {
    // A box around the drive's first two minutes (north of 48.172, around Petuelring).
    Polygon box =
        new Polygon(
            List.of(
                new double[] {48.172, 11.560},
                new double[] {48.172, 11.572},
                new double[] {48.182, 11.572},
                new double[] {48.182, 11.560}));
    SpeedingDetector.Thresholds thresholds =
        new SpeedingDetector.Thresholds(
            120, 5, 3, Duration.ofSeconds(3), 20, List.of(new SpeedZone("school", box, 20)));
    List<Finding> speeding = of(run(thresholds), Hazard.SPEEDING);
    assertFalse(speeding.isEmpty());
    for (Finding f : speeding) {
      assertEquals("school", f.details().get("zone"));
      assertEquals("20", f.details().get("limitKmh"));
      GnssFix at = MUNICH.stream().filter(x -> x.fixTime().equals(f.at())).findFirst().get();
      assertTrue(box.contains(at.latDeg(), at.lonDeg()));
    }
    assertTrue(of(run(limit(120, Duration.ofSeconds(3))), Hazard.SPEEDING).isEmpty());
  }

  static List<Finding> of(List<Finding> found, Hazard hazard) {
    return found.stream().filter(f -> f.hazard() == hazard).toList();
  }
}
