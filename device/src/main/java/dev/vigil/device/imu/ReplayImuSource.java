package dev.vigil.device.imu;

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
 */
public final class ReplayImuSource implements ImuSource {
  private final Path file;
  private final double speedFactor;
  private final boolean loop;
  private final Clock clock;
  private volatile Thread thread;

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
    List<ImuSample> samples;
    try {
      GeniviLog.Recording recording = GeniviLog.read(file);
      samples = recording.samples();
      recording.rejected().entrySet().stream()
          .filter(reason -> reason.getKey().contains("$GVSNS"))
          .forEach(
              r ->
                  Logger.warn(
                      "IMU recording {}: {} lines skipped: {}", file, r.getValue(), r.getKey()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read IMU recording " + file + ": " + e, e);
    }
    if (samples.isEmpty()) {
      throw new IllegalStateException("IMU recording " + file + " holds no sample");
    }
    thread = new Thread(() -> replay(samples, listener), "imu-replay");
    thread.setDaemon(true);
    thread.start();
  }

  private void replay(List<ImuSample> samples, ImuListener listener) {
    try {
      do {
        Instant first = samples.get(0).time();
        long passStart = System.nanoTime();
        for (ImuSample sample : samples) {
          pace(passStart, Duration.between(first, sample.time()));
          listener.onSample(stamped(sample));
        }
      } while (loop);
      listener.onLost("end of recording");
    } catch (InterruptedException e) {
      Logger.debug("IMU replay of {} stopped", file);
    }
  }

  /** Waits until the sample's place in the recording, scaled; a late thread catches up. */
  private void pace(long passStart, Duration intoRecording) throws InterruptedException {
    long due = passStart + (long) (intoRecording.toNanos() / speedFactor);
    long wait = due - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    } else if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  }

  private ImuSample stamped(ImuSample s) {
    return new ImuSample(
        clock.instant().truncatedTo(ChronoUnit.MILLIS),
        s.accelXMps2(),
        s.accelYMps2(),
        s.accelZMps2(),
        s.gyroXDegPerS(),
        s.gyroYDegPerS(),
        s.gyroZDegPerS());
  }

  @Override
  public void close() {
    Thread running = thread;
    if (running != null) {
      running.interrupt();
    }
  }
}
