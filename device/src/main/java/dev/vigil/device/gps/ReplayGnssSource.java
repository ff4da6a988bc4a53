package dev.vigil.device.gps;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.tinylog.Logger;

/**
 * Replays a recorded NMEA file as a receiver would deliver it: the GNSS emulator of tests, demos
 * and tuning runs. The whole file is decoded at start (through the same {@link NmeaDecoder} a
 * serial receiver uses; lines starting with '#' are comments); fixes are then delivered on the
 * source's own thread, paced by their fix times divided by {@code speedFactor} ({@code
 * Double.POSITIVE_INFINITY}: as fast as possible). When looping, each pass is shifted in time so
 * fix times keep increasing.
 */
public final class ReplayGnssSource implements GnssSource {
  private final Path file;
  private final double speedFactor;
  private final boolean loop;
  private volatile Thread thread;

  public ReplayGnssSource(Path file, double speedFactor, boolean loop) {
    if (!(speedFactor > 0)) {
      throw new IllegalArgumentException("speed factor must be positive: " + speedFactor);
    }
    this.file = file;
    this.speedFactor = speedFactor;
    this.loop = loop;
  }

  /** Decodes a recording into its fixes, in order. */
  public static List<GnssFix> decode(Path file) throws IOException {
    NmeaDecoder decoder = new NmeaDecoder();
    List<GnssFix> fixes = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("#")) {
          continue;
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.ISO_8859_1);
        fixes.addAll(decoder.feed(bytes, 0, bytes.length));
      }
    }
    decoder.flush().ifPresent(fixes::add);
    return fixes;
  }

  @Override
  public void start(GnssListener listener) {
    List<GnssFix> fixes;
    try {
      fixes = decode(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read recording " + file + ": " + e.getMessage(), e);
    }
    if (fixes.isEmpty()) {
      throw new IllegalStateException("recording " + file + " holds no fix");
    }
    thread = new Thread(() -> replay(fixes, listener), "gnss-replay");
    thread.setDaemon(true);
    thread.start();
  }

  private void replay(List<GnssFix> fixes, GnssListener listener) {
    Duration span = Duration.between(fixes.get(0).fixTime(), fixes.get(fixes.size() - 1).fixTime());
    Duration passShift = span.plusSeconds(1);
    try {
      for (long pass = 0; pass == 0 || loop; pass++) {
        Duration shift = passShift.multipliedBy(pass);
        Instant previous = null;
        for (GnssFix fix : fixes) {
          if (previous != null) {
            pace(Duration.between(previous, fix.fixTime()));
          }
          previous = fix.fixTime();
          listener.onFix(shift.isZero() ? fix : shifted(fix, shift));
        }
      }
      listener.onLost("end of recording");
    } catch (InterruptedException e) {
      Logger.debug("replay of {} stopped", file);
    }
  }

  private void pace(Duration gap) throws InterruptedException {
    if (Double.isInfinite(speedFactor) || gap.isNegative()) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      return;
    }
    long nanos = (long) (gap.toNanos() / speedFactor);
    Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
  }

  private static GnssFix shifted(GnssFix fix, Duration shift) {
    return fix.at(fix.fixTime().plus(shift));
  }

  @Override
  public void close() {
    Thread running = thread;
    if (running != null) {
      running.interrupt();
    }
  }
}
