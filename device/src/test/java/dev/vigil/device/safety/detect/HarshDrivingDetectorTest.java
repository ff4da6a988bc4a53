package dev.vigil.device.safety.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.Finding;
import dev.vigil.device.safety.Hazard;
import dev.vigil.device.safety.Recordings;
import dev.vigil.device.safety.VehicleAcceleration;
import dev.vigil.device.safety.replay.GeniviDrive;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HarshDrivingDetectorTest {
  private static final HarshDrivingDetector.Thresholds DEFAULTS =
      HarshDrivingDetector.Thresholds.defaults();

  private static List<Finding> gnss(List<GnssFix> fixes) {
    HarshDrivingDetector detector = new HarshDrivingDetector(DEFAULTS);
    List<Finding> found = new ArrayList<>();
    fixes.forEach(f -> detector.onFix(f, found));
    return found;
  }

  @Test
  void aOneFixSpeedSpikeInARealDriveChangesNothing() {
    List<GnssFix> drive = Recordings.munich();
    List<Finding> original = gnss(drive);
    List<GnssFix> spiked = new ArrayList<>(drive);
    int at = 600;
    GnssFix real = spiked.get(at);
    spiked.set(
        at,
        new GnssFix(
            real.fixTime(),
            real.latDeg(),
            real.lonDeg(),
            real.speedMps() + 8,
            real.courseDeg(),
            real.altitudeM(),
            real.mode(),
            real.satellites(),
            real.hdop()));
    assertEquals(original, gnss(spiked));
  }

  @Test
  void noisyFixesBetweenTheOnceASecondOnesAreNotUsed() {
    // As from a 5 Hz receiver: after each real fix, one 0.2 s later whose speed is 3 m/s off.
    List<GnssFix> drive = Recordings.munich();
    List<GnssFix> fast = new ArrayList<>();
    for (GnssFix f : drive) {
      fast.add(f);
      fast.add(
          new GnssFix(
              f.fixTime().plusMillis(200),
              f.latDeg(),
              f.lonDeg(),
              f.speedMps() + 3,
              f.courseDeg(),
              f.altitudeM(),
              f.mode(),
              f.satellites(),
              f.hdop()));
    }
    assertEquals(gnss(drive), gnss(fast));
  }

  @Test
  void theStaticHoldReleaseIsNotAHarshStart() {
    // 12:43:17 -> 12:43:18 the receiver releases a held position: 1.7 -> 8.5 m/s.
    List<Finding> found = gnss(Recordings.munich());
    assertTrue(
        found.stream()
            .noneMatch(
                f ->
                    f.hazard() == Hazard.HARSH_ACCELERATION
                        && Duration.between(java.time.Instant.parse("2009-04-01T12:43:17Z"), f.at())
                                .abs()
                                .getSeconds()
                            <= 3),
        found.toString());
  }

  @Test
  void aRealHardStopFromGnssIsFound() {
    // 13:06:01 -> 13:06:03 the car goes from 10.1 to 1.3 m/s (positions 8 m then 2 m apart).
    List<Finding> found = gnss(Recordings.munich());
    assertTrue(
        found.stream()
            .anyMatch(
                f ->
                    f.hazard() == Hazard.HARSH_BRAKING
                        && f.at().toString().startsWith("2009-04-01T13:06:0")
                        && f.details().get("source").equals("gnss")),
        found.toString());
  }

  @Test
  void gnssEstimatesPauseWhileTheImuDelivers() {
    GeniviDrive.Recording drive = Recordings.genivi();
    HarshDrivingDetector detector =
        new HarshDrivingDetector(
            new HarshDrivingDetector.Thresholds(
                1, 1, 1, Duration.ZERO, 0.5, 0.5, 0.5, 0, 12, 99, 24.5, Duration.ofSeconds(30), 9));
    List<Finding> found = new ArrayList<>();
    int s = 0;
    for (GnssFix fix : drive.fixes()) {
      while (s < drive.samples().size() && !drive.samples().get(s).at().isAfter(fix.fixTime())) {
        detector.onSample(drive.samples().get(s++), found);
      }
      detector.onFix(fix, found);
    }
    assertTrue(found.size() > 0);
    assertTrue(found.stream().allMatch(f -> f.details().get("source").equals("imu")));
  }

  @Test
  void aSingleImuJoltIsNotAManoeuvreButASustainedOneIs() {
    List<VehicleAcceleration> samples = new ArrayList<>(Recordings.genivi().samples());
    int at = 1000;
    samples.set(at, new VehicleAcceleration(samples.get(at).at(), -8, 0));
    assertTrue(run(samples).isEmpty(), "one 8 m/s² sample made a manoeuvre");
    for (int i = at; i < at + 4; i++) {
      samples.set(i, new VehicleAcceleration(samples.get(i).at(), -5, 0));
    }
    List<Finding> found = run(samples);
    assertEquals(1, found.size(), found.toString());
    assertEquals(Hazard.HARSH_BRAKING, found.get(0).hazard());
    assertEquals(samples.get(at + 2).at(), found.get(0).at());
  }

  private static List<Finding> run(List<VehicleAcceleration> samples) {
    HarshDrivingDetector detector = new HarshDrivingDetector(DEFAULTS);
    List<Finding> found = new ArrayList<>();
    samples.forEach(s -> detector.onSample(s, found));
    return found;
  }
}
