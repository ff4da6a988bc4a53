package dev.vigil.device;

import dev.vigil.device.gps.GnssListener;
import dev.vigil.device.gps.GnssSource;
import dev.vigil.device.gps.GpsdGnssSource;
import dev.vigil.device.gps.ReplayGnssSource;
import dev.vigil.device.gps.SerialGnssSource;
import dev.vigil.device.gps.TimeShiftingListener;
import dev.vigil.device.imu.ImuSource;
import dev.vigil.device.imu.MountingCalibrator;
import dev.vigil.device.imu.Pi4jImu;
import dev.vigil.device.imu.ReplayImuSource;
import dev.vigil.device.imu.VehicleMotion;
import java.time.Clock;
import java.util.Optional;
import org.tinylog.Logger;

/** The configured GNSS and IMU sources, real or replayed ({@code gnss}, {@code imu.source}). */
final class Sensors {
  private Sensors() {}

  static GnssSource gnss(DeviceConfig config, Clock clock) {
    return gnss(config, clock, Optional.empty());
  }

  static GnssSource gnss(DeviceConfig config, Clock clock, Optional<ImuSource> imu) {
    return switch (config.gnss()) {
      case REPLAY ->
          new ShiftedReplay(
              new ReplayGnssSource(config.replayFile(), config.replaySpeed(), config.replayLoop()),
              clock);
      case SERIAL ->
          new SerialGnssSource(
              SerialGnssSource.Settings.of(config.serialPort(), config.serialBaud()));
      case GPSD -> new GpsdGnssSource(config.gpsdHost(), config.gpsdPort());
      case IMU_REPLAY ->
          imu.map(ReplayImuSource.class::cast).orElseThrow().gnss(); // checked in DeviceConfig
    };
  }

  /** The fixes, heard by the IMU's mounting calibration (when there is one) before the agent. */
  static GnssSource watched(GnssSource gnss, Optional<VehicleMotion> motion) {
    return motion.map(m -> m.watching(gnss)).orElse(gnss);
  }

  static MountingCalibrator calibrator() {
    return new MountingCalibrator(MountingCalibrator.defaults());
  }

  static Optional<ImuSource> imu(ImuConfig imu, Clock clock) {
    return switch (imu.source()) {
      case NONE -> Optional.empty();
      case I2C ->
          Optional.of(
              new Pi4jImu(new Pi4jImu.Settings(imu.bus(), imu.address(), imu.rateHz()), clock));
      case REPLAY ->
          Optional.of(
              new ReplayImuSource(imu.replayFile(), imu.replaySpeed(), imu.replayLoop(), clock));
    };
  }

  /** Whether fixes arrive as fast as they were driven; a fast replay compresses time. */
  static boolean realTime(DeviceConfig config) {
    boolean imuReplay = config.imu().source() == ImuConfig.Kind.REPLAY;
    boolean compressed =
        (config.gnss() == DeviceConfig.GnssKind.REPLAY && config.replaySpeed() != 1.0)
            || (imuReplay && config.imu().replaySpeed() != 1.0);
    if (compressed) {
      Logger.warn("safety detectors off: a recording is replayed faster than it was driven");
    }
    return !compressed;
  }

  /** A replayed recording presented as a drive happening now (see {@link TimeShiftingListener}). */
  private record ShiftedReplay(GnssSource replay, Clock clock) implements GnssSource {
    @Override
    public void start(GnssListener listener) {
      replay.start(new TimeShiftingListener(listener, clock));
    }

    @Override
    public void close() {
      replay.close();
    }
  }
}
