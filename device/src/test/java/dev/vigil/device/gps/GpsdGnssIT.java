package dev.vigil.device.gps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real gpsd (Debian's package) reads a recorded drive from a socat pseudo-terminal and serves it
 * on a free port; {@link GpsdGnssSource} must deliver the same fixes our own NMEA decoder finds in
 * the recording, report gpsd lost when it is killed, and recover when it comes back.
 */
class GpsdGnssIT {
  private static final Path MUNICH = Path.of("../scripts/data/munich-gps.nmea");
  @TempDir Path folder;
  private Process socat;
  private Process gpsd;
  private volatile boolean feeding = true;

  @Test
  @Timeout(90)
  void deliversGpsdFixesAndSurvivesARestartOfGpsd() throws Exception {
    Path device = folder.resolve("gnss");
    Path feeder = folder.resolve("feeder");
    startSocat(device, feeder);
    int port = freePort();
    gpsd = startGpsd(port, device);
    Thread feed = new Thread(() -> feed(feeder), "nmea-feeder");
    feed.setDaemon(true);
    feed.start();

    HeardFixes heard = new HeardFixes();
    List<GnssFix> fixes = heard.fixes;
    CountDownLatch lost = heard.lost;
    CountDownLatch recovered = heard.recovered;
    try (GpsdGnssSource source = new GpsdGnssSource("127.0.0.1", port)) {
      source.start(heard);
      heard.awaitFixes(20);
      gpsd.destroy();
      assertTrue(gpsd.waitFor(10, TimeUnit.SECONDS), "gpsd stopped");
      assertTrue(lost.await(20, TimeUnit.SECONDS), "gpsd reported lost");
      int before = fixes.size();
      gpsd = startGpsd(port, device);
      assertTrue(recovered.await(40, TimeUnit.SECONDS), "recovered once gpsd is back");
      heard.awaitFixes(before + 5);
    }
    feeding = false;
    Map<Instant, GnssFix> ours = new HashMap<>();
    ReplayGnssSource.decode(MUNICH).forEach(f -> ours.put(f.fixTime(), f));
    for (GnssFix fix : fixes) {
      // The recording is from 2009-04-01; gpsd takes a date that old for a receiver hit by the
      // GPS week rollover and moves it 1,024 weeks on (to 2028-11-15), as GpsdOracleTest saw for
      // neo-m8n. Our decoder keeps the receiver's date, so the oracle's times are moved back.
      GnssFix expected = ours.get(fix.fixTime().minus(Duration.ofDays(1024 * 7)));
      assertTrue(expected != null, "gpsd fix at " + fix.fixTime() + " is in the recording");
      assertEquals(expected.latDeg(), fix.latDeg(), 1e-6, "lat at " + fix.fixTime());
      assertEquals(expected.lonDeg(), fix.lonDeg(), 1e-6, "lon at " + fix.fixTime());
      assertEquals(expected.speedMps(), fix.speedMps(), 0.01, "speed at " + fix.fixTime());
    }
  }

  /** Writes the recording's sentences into the pseudo-terminal, 20 a second, looping. */
  private void feed(Path feeder) {
    try (OutputStream out = Files.newOutputStream(feeder)) {
      List<String> lines = Files.readAllLines(MUNICH, StandardCharsets.ISO_8859_1);
      while (feeding) {
        for (String line : lines) {
          if (!feeding) {
            return;
          }
          if (!line.startsWith("#")) {
            out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread.sleep(10);
          }
        }
      }
    } catch (IOException | InterruptedException e) {
      // The test ended and socat went away.
    }
  }

  private void startSocat(Path device, Path feeder) throws Exception {
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

  /** gpsd in the foreground (-N), polling without clients (-n), never reconfiguring (-b). */
  private Process startGpsd(int port, Path device) throws IOException {
    return new ProcessBuilder(
            "gpsd",
            "-N",
            "-n",
            "-b",
            "-S",
            Integer.toString(port),
            "-F",
            folder.resolve("gpsd.sock").toString(),
            device.toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("gpsd.log").toFile()))
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @AfterEach
  void stop() {
    feeding = false;
    for (Process p : new Process[] {gpsd, socat}) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
  }
}
