package dev.vigil.device.safety.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.Finding;
import dev.vigil.device.safety.Hazard;
import dev.vigil.device.safety.Recordings;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fatigue on the Munich drive replayed back to back (each pass shifted to follow the last), with
 * driving time from the stop tracker: its stops last minutes at most, never a 20-minute rest.
 */
@Timeout(30)
class FatigueDetectorTest {
  private static final List<GnssFix> MUNICH = Recordings.munich();

  /** Passes of the drive, each starting {@code pause} after the previous one ended. */
  private static List<Finding> drive(int passes, Duration pause, FatigueDetector.Thresholds t) {
    FatigueDetector fatigue = new FatigueDetector(t);
    StopTracker stops = new StopTracker(StopTracker.Thresholds.defaults());
    Duration span =
        Duration.between(MUNICH.get(0).fixTime(), MUNICH.get(MUNICH.size() - 1).fixTime());
    List<Finding> found = new ArrayList<>();
    for (int pass = 0; pass < passes; pass++) {
      Duration shift = span.plus(pause).plusSeconds(1).multipliedBy(pass);
      for (GnssFix fix : Recordings.shifted(MUNICH, shift)) {
        stops.onFix(fix);
        fatigue.update(fix.fixTime(), !stops.stopped(), found);
      }
    }
    return found;
  }

  @Test
  void backToBackDrivingIsWarnedAt345AndRaisedAt4Hours() {
    // 14 passes of 31 min, about 22 min of them moving each: over 5 h of driving.
    List<Finding> found =
        drive(14, Duration.ZERO, FatigueDetector.Thresholds.defaults(ZoneOffset.UTC));
    List<Finding> continuous =
        found.stream().filter(f -> "continuous".equals(f.details().get("limit"))).toList();
    assertEquals(Hazard.FATIGUE_PREWARN, continuous.get(0).hazard());
    assertEquals("225", continuous.get(0).details().get("drivenMin"));
    assertEquals(Hazard.FATIGUE, continuous.get(1).hazard());
    assertEquals("240", continuous.get(1).details().get("drivenMin"));
    Duration elapsed = Duration.between(MUNICH.get(0).fixTime(), continuous.get(1).at());
    System.out.printf(
        "fatigue: 4 h of driving reached after %d min on the road (stops excluded)%n",
        elapsed.toMinutes());
    assertTrue(elapsed.compareTo(Duration.ofHours(4)) > 0, "stops counted as driving");
    // Repeated every 30 min on the road while driving on.
    assertTrue(continuous.stream().filter(f -> f.hazard() == Hazard.FATIGUE).count() >= 2);
  }

  @Test
  void aTwentyMinuteRestResetsContinuousDrivingButNotTheDay() {
    FatigueDetector.Thresholds t =
        new FatigueDetector.Thresholds(
            Duration.ofMinutes(45),
            Duration.ofMinutes(20),
            Duration.ofMinutes(60),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            ZoneOffset.UTC);
    List<Finding> found = drive(3, Duration.ofMinutes(21), t);
    assertTrue(
        found.stream().noneMatch(f -> "continuous".equals(f.details().get("limit"))),
        "one pass after a 21-minute rest is not 45 min of continuous driving: " + found);
    List<Finding> daily =
        found.stream()
            .filter(f -> f.hazard() == Hazard.FATIGUE && "daily".equals(f.details().get("limit")))
            .toList();
    assertEquals(1, daily.size(), found.toString());
  }

  @Test
  void aNineteenMinutePauseIsNotARest() {
    FatigueDetector.Thresholds t =
        new FatigueDetector.Thresholds(
            Duration.ofMinutes(35),
            Duration.ofMinutes(20),
            Duration.ofMinutes(600),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            ZoneOffset.UTC);
    List<Finding> found = drive(2, Duration.ofMinutes(19), t);
    assertTrue(
        found.stream()
            .anyMatch(
                f -> f.hazard() == Hazard.FATIGUE && "continuous".equals(f.details().get("limit"))),
        found.toString());
  }
}
