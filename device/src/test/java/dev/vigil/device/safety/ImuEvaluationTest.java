package dev.vigil.device.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.detect.HarshDrivingDetector;
import dev.vigil.device.safety.replay.GeniviDrive;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Evaluation of harsh-driving detection on the Raspberry Pi recording (9 min of ordinary driving in
 * Regensburg, accelerometer at 10 Hz, GNSS at 1 Hz). Prints counts at the default thresholds and at
 * lower ones, and checks each longitudinal event against the GNSS speed: an IMU "braking" must be a
 * time when the vehicle really lost speed.
 */
@Timeout(30)
class ImuEvaluationTest {
  private static final GeniviDrive.Recording DRIVE = Recordings.genivi();

  @Test
  void anOrdinaryDriveRaisesFewOrNoHarshEventsAtTheDefaults() {
    Map<Hazard, Integer> counts = counts(run(HarshDrivingDetector.Thresholds.defaults()));
    System.out.printf(
        "imu regensburg (%d samples, %.1f min): default thresholds -> %s%n",
        DRIVE.samples().size(), minutes(), counts);
    assertEquals(0, counts.getOrDefault(Hazard.CRASH, 0), "crashes");
    int harsh = counts.values().stream().mapToInt(Integer::intValue).sum();
    assertTrue(harsh <= 3, "an ordinary 9-minute drive raised " + harsh + " harsh events");
  }

  @Test
  void lowerThresholdsFindManoeuvresThatTheGnssSpeedConfirms() {
    for (double threshold : new double[] {3.5, 3.0, 2.5, 2.0}) {
      Map<Hazard, Integer> counts = counts(run(thresholds(threshold)));
      System.out.printf("imu regensburg: all thresholds %.1f m/s² -> %s%n", threshold, counts);
    }
    List<Finding> found = run(thresholds(2.0));
    int longitudinal = 0;
    int confirmed = 0;
    for (Finding f : found) {
      double sign = f.hazard() == Hazard.HARSH_BRAKING ? -1 : 1;
      if (f.hazard() == Hazard.HARSH_BRAKING || f.hazard() == Hazard.HARSH_ACCELERATION) {
        longitudinal++;
        double gnssChange = speedChange(f.at());
        confirmed += sign * gnssChange >= 1.0 ? 1 : 0;
        System.out.printf(
            "imu regensburg: %s at %s, GNSS speed change over ±2 s %+.1f m/s%n",
            f.hazard(), f.at(), gnssChange);
      }
    }
    System.out.printf(
        "imu regensburg: %d of %d longitudinal events at 2.0 m/s² confirmed by GNSS speed%n",
        confirmed, longitudinal);
    assertTrue(longitudinal >= 3, "too few events to judge: " + longitudinal);
    assertTrue(confirmed >= 0.8 * longitudinal, confirmed + " of " + longitudinal + " confirmed");
  }

  @Test
  void anImpactSplicedIntoTheDriveRaisesOneCrash() {
    List<VehicleAcceleration> samples = new ArrayList<>(DRIVE.samples());
    int at = samples.size() / 2;
    VehicleAcceleration real = samples.get(at);
    // A frontal impact: 30 m/s² (about 3 g) rearwards for two samples, then the drive goes on.
    samples.set(at, new VehicleAcceleration(real.at(), -30, real.lateralMps2()));
    samples.set(at + 1, new VehicleAcceleration(samples.get(at + 1).at(), -28, 1.0));
    HarshDrivingDetector detector =
        new HarshDrivingDetector(HarshDrivingDetector.Thresholds.defaults());
    List<Finding> found = new ArrayList<>();
    samples.forEach(s -> detector.onSample(s, found));
    List<Finding> crashes = found.stream().filter(f -> f.hazard() == Hazard.CRASH).toList();
    assertEquals(1, crashes.size(), found.toString());
    assertEquals(real.at(), crashes.get(0).at());
    assertTrue(crashes.get(0).severe());
  }

  private static HarshDrivingDetector.Thresholds thresholds(double mps2) {
    HarshDrivingDetector.Thresholds d = HarshDrivingDetector.Thresholds.defaults();
    return new HarshDrivingDetector.Thresholds(
        mps2,
        mps2,
        mps2,
        d.imuMinDuration(),
        d.gnssBrakingMps2(),
        d.gnssAccelerationMps2(),
        d.gnssCorneringMps2(),
        d.gnssMinCorneringSpeedMps(),
        d.gnssImplausibleMps2(),
        d.gnssMaxHdop(),
        d.crashMps2(),
        d.crashHoldoff(),
        d.severeFactor());
  }

  static List<Finding> run(HarshDrivingDetector.Thresholds thresholds) {
    HarshDrivingDetector detector = new HarshDrivingDetector(thresholds);
    List<Finding> found = new ArrayList<>();
    DRIVE.samples().forEach(s -> detector.onSample(s, found));
    return found;
  }

  /** GNSS speed 2 s after minus 2 s before. */
  private static double speedChange(Instant t) {
    return speedAt(t.plusSeconds(2)) - speedAt(t.minusSeconds(2));
  }

  private static double speedAt(Instant t) {
    GnssFix best = DRIVE.fixes().get(0);
    for (GnssFix f : DRIVE.fixes()) {
      if (Duration.between(f.fixTime(), t)
              .abs()
              .compareTo(Duration.between(best.fixTime(), t).abs())
          < 0) {
        best = f;
      }
    }
    return best.speedMps();
  }

  private static Map<Hazard, Integer> counts(List<Finding> found) {
    Map<Hazard, Integer> counts = new EnumMap<>(Hazard.class);
    found.forEach(f -> counts.merge(f.hazard(), 1, Integer::sum));
    return counts;
  }

  private static double minutes() {
    List<VehicleAcceleration> s = DRIVE.samples();
    return Duration.between(s.get(0).at(), s.get(s.size() - 1).at()).toMillis() / 60_000.0;
  }
}
