package dev.vigil.device.safety.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.Finding;
import dev.vigil.device.safety.Hazard;
import dev.vigil.device.safety.Recordings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TamperDetectorTest {
  private static final TamperDetector.Thresholds DEFAULTS = TamperDetector.Thresholds.defaults();

  /** Fixes with a tick every second in between, as the agent gives them. */
  private static List<Finding> run(List<GnssFix> fixes, boolean ignitionOn) {
    TamperDetector tamper = new TamperDetector(DEFAULTS);
    List<Finding> found = new ArrayList<>();
    Instant clock = fixes.get(0).fixTime();
    for (GnssFix fix : fixes) {
      while (clock.isBefore(fix.fixTime())) {
        tamper.update(clock, ignitionOn, found);
        clock = clock.plusSeconds(1);
      }
      tamper.onFix(fix);
    }
    return found;
  }

  @Test
  void theRealThirtyEightSecondOutageOfTheRegensburgDriveIsNoTamper() {
    assertTrue(run(Recordings.genivi().fixes(), true).isEmpty());
  }

  @Test
  void fourMinutesWithoutFixWhileDrivingIsTamperOnce() {
    List<GnssFix> drive = new ArrayList<>(Recordings.munich());
    Instant from = Instant.parse("2009-04-01T12:50:00Z");
    drive.removeIf(
        f -> !f.fixTime().isBefore(from) && f.fixTime().isBefore(from.plus(Duration.ofMinutes(4))));
    List<Finding> found = run(drive, true);
    assertEquals(1, found.size(), found.toString());
    assertEquals(Hazard.TAMPER, found.get(0).hazard());
    assertEquals("gnss_lost", found.get(0).details().get("reason"));
    assertEquals(Instant.parse("2009-04-01T12:52:59Z"), found.get(0).at());
    assertTrue(run(drive, false).isEmpty(), "a parked vehicle may lose GNSS in a garage");
  }

  @Test
  void buttonFaultsAreReportedOncePerTenMinutesEachAndPowerCutsAlways() {
    TamperDetector tamper = new TamperDetector(DEFAULTS);
    List<Finding> found = new ArrayList<>();
    Instant t = Instant.parse("2026-11-23T10:00:00Z");
    tamper.onButtonFault(t, "open circuit", found);
    tamper.onButtonFault(t.plusSeconds(30), "open circuit", found);
    tamper.onButtonFault(t.plusSeconds(40), "short to ground", found);
    tamper.onButtonFault(t.plusSeconds(601), "open circuit", found);
    tamper.onPowerCut(t.plusSeconds(700), found);
    tamper.onPowerCut(t.plusSeconds(701), found);
    assertEquals(5, found.size(), found.toString());
    assertEquals("power_cut", found.get(4).details().get("reason"));
    assertTrue(found.get(4).severe());
  }
}
