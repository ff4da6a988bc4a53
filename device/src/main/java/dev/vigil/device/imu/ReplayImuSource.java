package dev.vigil.device.imu;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.gps.GnssListener;
import dev.vigil.device.gps.GnssSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * The IMU's fake: replays the accelerometer and gyroscope samples of a recorded GENIVI log ({@link
 * GeniviLog}) on its own thread, paced as they were recorded and divided by {@code speedFactor},
 * each stamped with the clock's time when it is delivered, as a chip read now would be. Loops when
 * asked; otherwise reports {@link ImuListener#onLost} at the end.
 *
 * <p>The same recording's GNSS fixes are available as a {@link GnssSource} ({@link #gnss()}),
 * delivered from the same thread in recorded order and stamped the same way, so a replayed drive
 * keeps its IMU and GNSS in step (which the mounting calibration needs). Start the GNSS view first:
 * the replay runs from the IMU's {@link #start}.
 */
public final class ReplayImuSource implements ImuSource {
  private final Path file;
  private final double speedFactor;
  private final boolean loop;
  private final Clock clock;
  private volatile ImuListener imuListener;
  private volatile GnssListener gnssListener;
  private Thread thread;

  public ReplayImuSource(Path file, double speedFactor, boolean loop, Clock clock) {
    if (!(speedFactor > 0) || Double.isInfinite(speedFactor)) {
      throw new IllegalArgumentException(
          "speed factor must be positive and finite: " + speedFactor);
    }
    this.file = file;
    this.speedFactor = speedFactor;
    this.loop = loop;
    this.clock = clock;
  }

  @Override
  public void start(ImuListener listener) {
    imuListener = listener;
    begin();
  }

  /** The recording's GNSS fixes, replayed in step with its samples once {@link #start} runs. */
  public GnssSource gnss() {
    return new GnssSource() {
      @Override
      public void start(GnssListener listener) {
        gnssListener = listener;
      }

      @Override
      public void close() {
        ReplayImuSource.this.close();
      }
    };
  }

  private synchronized void begin() {
    if (thread != null) {
      throw new IllegalStateException("replay of " + file + " already started");
    }
    GeniviLog.Recording recording = read();
    thread = new Thread(() -> replay(recording), "imu-replay");
    thread.setDaemon(true);
    thread.start();
  }

  private GeniviLog.Recording read() {
    GeniviLog.Recording recording;
    try {
      recording = GeniviLog.read(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read IMU recording " + file + ": " + e, e);
    }
    if (recording.samples().isEmpty()) {
      throw new IllegalStateException("IMU recording " + file + " holds no sample");
    }
    recording
        .rejected()
        .forEach((reason, n) -> Logger.warn("recording {}: {} lines skipped: {}", file, n, reason));
    return recording;
  }

  private void replay(GeniviLog.Recording recording) {
    List<ImuSample> samples = recording.samples();
    List<GnssFix> fixes = recording.fixes();
    Instant first = samples.get(0).time();
    try {
      do {
        long passStart = System.nanoTime();
        int nextFix = 0;
        for (ImuSample sample : samples) {
          while (nextFix < fixes.size() && !fixes.get(nextFix).fixTime().isAfter(sample.time())) {
            GnssFix fix = fixes.get(nextFix++);
            pace(passStart, Duration.between(first, fix.fixTime()));
            deliver(fix);
          }
          pace(passStart, Duration.between(first, sample.time()));
          deliver(sample);
        }
      } while (loop);
      lost("end of recording");
    } catch (InterruptedException e) {
      Logger.debug("replay of {} stopped", file);
    }
  }

  /** Waits until the event's place in the recording, scaled; a late thread catches up. */
  private void pace(long passStart, Duration intoRecording) throws InterruptedException {
    long due = passStart + (long) (intoRecording.toNanos() / speedFactor);
    long wait = due - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    } else if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  }

  private void deliver(ImuSample s) {
    ImuListener listener = imuListener;
    if (listener != null) {
      listener.onSample(
          new ImuSample(
              now(),
              s.accelXMps2(),
              s.accelYMps2(),
              s.accelZMps2(),
              s.gyroXDegPerS(),
              s.gyroYDegPerS(),
              s.gyroZDegPerS()));
    }
  }

  private void deliver(GnssFix f) {
    GnssListener listener = gnssListener;
    if (listener != null) {
      listener.onFix(f.at(now()));
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private void lost(String reason) {
    ImuListener imu = imuListener;
    GnssListener gnss = gnssListener;
    if (imu != null) {
      imu.onLost(reason);
    }
    if (gnss != null) {
      gnss.onLost(reason);
    }
  }

  @Override
  public synchronized void close() {
    if (thread != null) {
      thread.interrupt();
    }
  }
}
