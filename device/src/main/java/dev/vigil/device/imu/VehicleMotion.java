package dev.vigil.device.imu;

import dev.vigil.device.gps.FixMode;
import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.gps.GnssListener;
import dev.vigil.device.gps.GnssSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tinylog.Logger;

/**
 * The IMU feature as the agent sees it: samples from an {@link ImuSource} go through the {@link
 * MountingCalibrator} (which also hears GNSS speeds, see {@link #watching}) and out to every {@link
 * MotionListener}. Add listeners before {@link #start}.
 */
public final class VehicleMotion implements ImuListener, AutoCloseable {
  private final ImuSource source;
  private final MountingCalibrator calibrator;
  private final List<MotionListener> listeners = new CopyOnWriteArrayList<>();
  private boolean calibrated;

  public VehicleMotion(ImuSource source, MountingCalibrator calibrator) {
    this.source = source;
    this.calibrator = calibrator;
  }

  public void addListener(MotionListener listener) {
    listeners.add(listener);
  }

  public void start() {
    source.start(this);
  }

  /** The same GNSS source, whose fixes also reach the calibrator before its own listener. */
  public GnssSource watching(GnssSource gnss) {
    return new GnssSource() {
      @Override
      public void start(GnssListener listener) {
        gnss.start(
            new GnssListener() {
              @Override
              public void onFix(GnssFix fix) {
                onGnss(fix);
                listener.onFix(fix);
              }

              @Override
              public void onLost(String reason) {
                listener.onLost(reason);
              }

              @Override
              public void onRecovered() {
                listener.onRecovered();
              }
            });
      }

      @Override
      public void close() {
        gnss.close();
      }
    };
  }

  private synchronized void onGnss(GnssFix fix) {
    if (fix.mode() != FixMode.NONE) {
      calibrator.onSpeed(fix.fixTime(), fix.speedMps());
    }
  }

  @Override
  public void onSample(ImuSample sample) {
    VehicleAcceleration vehicle;
    synchronized (this) {
      vehicle = calibrator.onSample(sample);
      if (vehicle.calibrated() && !calibrated) {
        calibrated = true;
        Logger.info("IMU mounting learned: {}", calibrator.mounting().orElseThrow());
      }
    }
    for (MotionListener listener : listeners) {
      listener.onMotion(sample, vehicle);
    }
  }

  @Override
  public void onLost(String reason) {
    Logger.warn("IMU lost: {}", reason);
    listeners.forEach(l -> l.onImuLost(reason));
  }

  /** What calibration still waits for, for logs and the self-test. */
  public synchronized String calibration() {
    return calibrator.progress();
  }

  @Override
  public void close() {
    source.close();
  }
}
