package dev.vigil.device.imu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.gps.FixMode;
import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.gps.GnssListener;
import dev.vigil.device.gps.GnssSource;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class VehicleMotionTest {

  @Test
  void theDriveReachesListenersInTheVehicleFrameAndGnssStillReachesTheAgent() {
    DrivenImu imu = new DrivenImu();
    DrivenGnss gnss = new DrivenGnss();
    VehicleMotion motion =
        new VehicleMotion(imu, new MountingCalibrator(MountingCalibrator.defaults()));
    List<VehicleAcceleration> heard = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    motion.addListener(
        new MotionListener() {
          @Override
          public void onMotion(ImuSample raw, VehicleAcceleration vehicle) {
            heard.add(vehicle);
          }

          @Override
          public void onImuLost(String reason) {
            lost.add(reason);
          }
        });
    List<GnssFix> agentFixes = new ArrayList<>();
    motion.watching(gnss).start(fix -> agentFixes.add(fix));
    motion.start();

    List<GeniviLog.SpeedFix> speeds = RegensburgDrive.recording().speeds();
    int next = 0;
    for (ImuSample sample : RegensburgDrive.recording().samples()) {
      while (next < speeds.size() && !speeds.get(next).time().isAfter(sample.time())) {
        gnss.listener.onFix(fix(speeds.get(next++)));
      }
      imu.listener.onSample(sample);
    }
    imu.listener.onLost("unplugged");

    assertEquals(next, agentFixes.size(), "every fix still reaches the agent");
    assertEquals(RegensburgDrive.recording().samples().size(), heard.size());
    assertTrue(heard.get(heard.size() - 1).calibrated(), "calibrated by the end of the drive");
    assertEquals("calibrated", motion.calibration());
    assertEquals(List.of("unplugged"), lost);
  }

  private static GnssFix fix(GeniviLog.SpeedFix speed) {
    return new GnssFix(
        speed.time(),
        49.0,
        12.0,
        speed.speedMps(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        FixMode.THREE_D,
        6,
        OptionalDouble.empty());
  }

  /** An IMU the test drives by calling its listener. */
  private static final class DrivenImu implements ImuSource {
    ImuListener listener;

    @Override
    public void start(ImuListener listener) {
      this.listener = listener;
    }

    @Override
    public void close() {}
  }

  /** A GNSS receiver the test drives by calling its listener. */
  private static final class DrivenGnss implements GnssSource {
    GnssListener listener;

    @Override
    public void start(GnssListener listener) {
      this.listener = listener;
    }

    @Override
    public void close() {}
  }
}
