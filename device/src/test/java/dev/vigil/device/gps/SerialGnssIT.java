package dev.vigil.device.gps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serial path for real: socat makes a pseudo-terminal pair, the test writes a real receiver's
 * capture into one end at its baud rate, and {@link SerialGnssSource} reads the other through jssc.
 * Unplugging (killing socat) must report the receiver lost; plugging back in (a new socat on the
 * same path) must bring fixes back without restarting the source.
 */
class SerialGnssIT {
  private static final int BAUD = 9_600;

  @TempDir Path folder;
  private Process socat;

  @Test
  @Timeout(90)
  void fixesFromARealCaptureArriveThroughAPseudoTerminalAndSurviveAnUnplug() throws Exception {
    byte[] capture = GpsdOracleTest.withoutComments(GpsdOracleTest.read("mt3339.log"));
    List<GnssFix> expected = new NmeaDecoder().feed(capture, 0, capture.length);
    Path device = folder.resolve("gnss");
    Path feeder = folder.resolve("feeder");
    plugIn(device, feeder);

    HeardFixes heard = new HeardFixes();
    List<GnssFix> fixes = heard.fixes;
    CountDownLatch lost = heard.lost;
    CountDownLatch recovered = heard.recovered;
    SerialGnssSource.Settings settings =
        new SerialGnssSource.Settings(device.toString(), BAUD, 8, 1, 0, 2_000);
    try (SerialGnssSource source = new SerialGnssSource(settings)) {
      source.start(heard);
      Thread.sleep(1_500); // the port is open and purged before the receiver talks
      feed(feeder, capture, 0, capture.length / 2);
      heard.awaitFixes(5);
      assertEquals(expected.subList(0, fixes.size()), List.copyOf(fixes));

      unplug();
      assertTrue(lost.await(15, TimeUnit.SECONDS), "unplugging was reported");

      plugIn(device, feeder);
      int before = fixes.size();
      feed(feeder, capture, capture.length / 2, capture.length - capture.length / 2);
      assertTrue(recovered.await(20, TimeUnit.SECONDS), "plugging back in was reported");
      heard.awaitFixes(before + 3);
      // The unplug cut an epoch in two, so the first fix after it may lack what the cut-off
      // sentences carried (altitude, 3D): compare time and position, which every fix must match.
      for (GnssFix fix : fixes) {
        assertTrue(
            expected.stream()
                .anyMatch(
                    e ->
                        e.fixTime().equals(fix.fixTime())
                            && e.latDeg() == fix.latDeg()
                            && e.lonDeg() == fix.lonDeg()),
            "every fix is one of the capture's: " + fix);
      }
    }
  }

  private void plugIn(Path device, Path feeder) throws Exception {
    socat =
        new ProcessBuilder(
                "socat", "pty,raw,echo=0,link=" + device, "pty,raw,echo=0,link=" + feeder)
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("socat.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!(Files.exists(device) && Files.exists(feeder)) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(Files.exists(device), "socat made the pseudo-terminals (is socat installed?)");
  }

  private void unplug() throws InterruptedException {
    socat.destroyForcibly();
    socat.waitFor(10, TimeUnit.SECONDS);
  }

  /** Writes bytes at the line's real speed: 10 bits per byte at {@link #BAUD}. */
  private static void feed(Path feeder, byte[] bytes, int from, int length)
      throws IOException, InterruptedException {
    try (OutputStream out = Files.newOutputStream(feeder)) {
      int chunk = BAUD / 10 / 20; // 50 ms worth
      for (int i = from; i < from + length; i += chunk) {
        out.write(bytes, i, Math.min(chunk, from + length - i));
        out.flush();
        Thread.sleep(50);
      }
    }
  }

  @AfterEach
  void stopSocat() {
    if (socat != null) {
      socat.destroyForcibly();
    }
  }
}
