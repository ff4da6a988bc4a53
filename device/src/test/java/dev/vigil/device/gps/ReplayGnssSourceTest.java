package dev.vigil.device.gps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReplayGnssSourceTest {
  private static final Path MUNICH = Path.of("../scripts/data/munich-gps.nmea");

  @Test
  void aRecordedDriveIsDeliveredInOrderThenReportedLost() throws Exception {
    List<GnssFix> expected = ReplayGnssSource.decode(MUNICH);
    List<GnssFix> delivered = new CopyOnWriteArrayList<>();
    CountDownLatch lost = new CountDownLatch(1);
    try (ReplayGnssSource source = new ReplayGnssSource(MUNICH, Double.POSITIVE_INFINITY, false)) {
      source.start(
          new GnssListener() {
            @Override
            public void onFix(GnssFix fix) {
              delivered.add(fix);
            }

            @Override
            public void onLost(String reason) {
              lost.countDown();
            }
          });
      assertTrue(lost.await(20, TimeUnit.SECONDS), "end of recording reported");
    }
    assertEquals(expected, delivered);
    assertTrue(expected.size() > 1_800, "a 31-minute drive at 1 Hz: " + expected.size());
    // Decoding dropped the two fixes whose time ran backwards in the recording (12:43:41-42).
    for (int i = 1; i < delivered.size(); i++) {
      assertTrue(delivered.get(i).fixTime().isAfter(delivered.get(i - 1).fixTime()));
      GpsdOracleTest.assertPlausible(delivered.get(i));
    }
  }

  @Test
  void decodeNmeaPrintsOneJsonLinePerFixAndASummary() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path file = Path.of("src/test/resources/gpsd/firefly-II.log");
    int status =
        DecodeNmeaCommand.run(file, new PrintStream(out, true), new PrintStream(err, true));
    assertEquals(0, status);
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertEquals(GpsdOracleTest.decode("firefly-II.log").size(), lines.length);
    assertTrue(lines[0].matches("\\{\"time\":\"2010-.*Z\",\"lat\":.*,\"mode\":[23]\\}"), lines[0]);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("bad_checksum 23"), err.toString());
  }

  @Test
  void decodeNmeaOnAMissingFileSaysSoAndFails() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        DecodeNmeaCommand.run(
            Path.of("no-such.nmea"),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true));
    assertEquals(2, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot read no-such.nmea"));
  }
}
