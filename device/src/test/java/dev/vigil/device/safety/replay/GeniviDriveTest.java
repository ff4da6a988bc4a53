package dev.vigil.device.safety.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.Recordings;
import dev.vigil.device.safety.VehicleAcceleration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class GeniviDriveTest {
  private static final GeniviDrive.Recording DRIVE = Recordings.genivi();

  @Test
  void readsEverySampleAndFixAnchoredToUtc() {
    assertEquals(5489, DRIVE.samples().size());
    // 551 $GVGNSPOS lines: 512 with a 3D fix, 38 without a fix (fixStatus 0, DOP 100: a 38-s
    // outage with the last position held), and the first, which has its timestamp twice.
    assertEquals(512, DRIVE.fixes().size());
    assertEquals(Instant.parse("2016-01-23T20:39:51.198Z"), DRIVE.samples().get(0).at());
    GnssFix last = DRIVE.fixes().get(DRIVE.fixes().size() - 1);
    // Times are anchored to the first $GVGNSTIM; the Pi's clock ran 6 ms slow over the 9 minutes
    // (the last $GVGNSTIM says 20:49:00.000 for the same timestamp).
    assertEquals(Instant.parse("2016-01-23T20:48:59.994Z"), last.fixTime());
    assertEquals(13.3, last.speedMps(), 1e-9);
    assertEquals(195.85, last.courseDeg().getAsDouble(), 1e-9);
    for (GnssFix f : DRIVE.fixes()) {
      assertTrue(
          Math.abs(f.latDeg() - 49.03) < 0.1 && Math.abs(f.lonDeg() - 12.08) < 0.1, f.toString());
    }
  }

  /**
   * The axis assumption (x forward, y left, means removed) checked against the GNSS: over each
   * second, the mean x must follow the change of GNSS speed and the mean y the lateral acceleration
   * from speed and change of course (positive to the left).
   */
  @Test
  void theAxisAssumptionAgreesWithAccelerationsFromGnss() {
    List<double[]> pairs = new ArrayList<>();
    List<GnssFix> fixes = DRIVE.fixes();
    for (int i = 1; i < fixes.size(); i++) {
      GnssFix a = fixes.get(i - 1);
      GnssFix b = fixes.get(i);
      double seconds = Duration.between(a.fixTime(), b.fixTime()).toMillis() / 1000.0;
      if (seconds < 0.5 || seconds > 1.5 || a.courseDeg().isEmpty() || b.courseDeg().isEmpty()) {
        continue;
      }
      double turnDeg =
          ((b.courseDeg().getAsDouble() - a.courseDeg().getAsDouble() + 540) % 360) - 180;
      double meanSpeed = (a.speedMps() + b.speedMps()) / 2;
      double leftward = meanSpeed > 3 ? -meanSpeed * Math.toRadians(turnDeg) / seconds : 0;
      double[] imu = mean(a.fixTime(), b.fixTime());
      if (imu != null) {
        pairs.add(new double[] {(b.speedMps() - a.speedMps()) / seconds, leftward, imu[0], imu[1]});
      }
    }
    double longitudinal = correlation(pairs, 0, 2);
    double lateral = correlation(pairs, 1, 3);
    System.out.printf(
        "genivi axes: %d one-second windows; correlation x~GNSS longitudinal %.2f, y~GNSS leftward"
            + " %.2f%n",
        pairs.size(), longitudinal, lateral);
    assertTrue(longitudinal > 0.6, "x is not the longitudinal axis: " + longitudinal);
    assertTrue(lateral > 0.6, "y is not the leftward axis: " + lateral);
  }

  @Test
  void aLogWithoutTimeIsRefused(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("no-time.log");
    Files.writeString(file, "7010,0,$GVSNSACC,7008, 0.2394, 0.5375,10.8212,  7.2,0X0000000F\n");
    IOException e = assertThrows(IOException.class, () -> GeniviDrive.read(file));
    assertTrue(e.getMessage().contains("GVGNSTIM"), e.getMessage());
  }

  @Test
  void aLogWithALineThatDoesNotParseIsRefused(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.log");
    Files.writeString(
        file,
        "7000,0,$GVGNSTIM,7000,2016,01,23,20,39,51,198,0X7\n"
            + "7010,0,$GVSNSACC,7008, 0.2394, not-a-number,10.8212,  7.2,0X0000000F\n");
    IOException e = assertThrows(IOException.class, () -> GeniviDrive.read(file));
    assertTrue(e.getMessage().contains("malformed $GVSNSACC"), e.getMessage());
  }

  private static double[] mean(Instant from, Instant to) {
    double x = 0;
    double y = 0;
    int n = 0;
    for (VehicleAcceleration s : DRIVE.samples()) {
      if (!s.at().isBefore(from) && s.at().isBefore(to)) {
        x += s.longitudinalMps2();
        y += s.lateralMps2();
        n++;
      }
    }
    return n == 0 ? null : new double[] {x / n, y / n};
  }

  private static double correlation(List<double[]> rows, int a, int b) {
    double ma = rows.stream().mapToDouble(r -> r[a]).average().orElse(0);
    double mb = rows.stream().mapToDouble(r -> r[b]).average().orElse(0);
    double cov = 0;
    double va = 0;
    double vb = 0;
    for (double[] r : rows) {
      cov += (r[a] - ma) * (r[b] - mb);
      va += (r[a] - ma) * (r[a] - ma);
      vb += (r[b] - mb) * (r[b] - mb);
    }
    return cov / Math.sqrt(va * vb);
  }
}
