package dev.vigil.device.safety.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.Finding;
import dev.vigil.device.safety.Hazard;
import dev.vigil.device.safety.Recordings;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Munich drive ran 12:40–13:11 UTC on 1 April 2009; its local time depends on the zone. */
@Timeout(30)
class NightDetectorTest {
  private static final List<GnssFix> MUNICH = Recordings.munich();

  private static List<Finding> run(NightDetector.Thresholds t, String tripId, boolean tripStart) {
    NightDetector night = new NightDetector(t);
    List<Finding> found = new ArrayList<>();
    if (tripStart) {
      night.update(MUNICH.get(0).fixTime(), false, tripId, true, found);
    }
    MUNICH.forEach(f -> night.update(f.fixTime(), true, tripId, false, found));
    return found;
  }

  @Test
  void anAfternoonInMunichIsNotNight() {
    assertTrue(
        run(NightDetector.Thresholds.defaults(ZoneId.of("Europe/Berlin")), "", false).isEmpty());
  }

  @Test
  void theSameDriveAt1340InAucklandRaisesOnceForTheNight() {
    // Auckland was UTC+13 until 5 April 2009: 01:40 local.
    List<Finding> found =
        run(NightDetector.Thresholds.defaults(ZoneId.of("Pacific/Auckland")), "", false);
    assertEquals(1, found.size(), found.toString());
    assertEquals(Hazard.NIGHT_DRIVING, found.get(0).hazard());
    assertEquals("01:40:22", found.get(0).details().get("localTime"));
  }

  @Test
  void aTripStartingAtNightRaisesAtItsStartEvenBeforeMoving() {
    List<Finding> found =
        run(NightDetector.Thresholds.defaults(ZoneId.of("Pacific/Auckland")), "T1", true);
    assertEquals(1, found.size(), found.toString());
    assertEquals("trip_started", found.get(0).details().get("reason"));
  }

  @Test
  void aWindowThatDoesNotWrapMidnightWorksToo() {
    NightDetector.Thresholds afternoon =
        new NightDetector.Thresholds(
            LocalTime.of(13, 0), LocalTime.of(14, 0), ZoneId.of("UTC"), true);
    List<Finding> found = run(afternoon, "", false);
    assertEquals(1, found.size());
    assertEquals("13:00:00", found.get(0).details().get("localTime"));
    NightDetector.Thresholds off =
        new NightDetector.Thresholds(
            LocalTime.of(13, 0), LocalTime.of(14, 0), ZoneId.of("UTC"), false);
    assertTrue(run(off, "", false).isEmpty());
  }
}
