package dev.vigil.device.safety.replay;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.imu.GeniviLog;
import dev.vigil.device.imu.ImuSample;
import dev.vigil.device.safety.VehicleAcceleration;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A GENIVI positioning log (read by {@link GeniviLog}) as the safety replay sees it: fixes and
 * accelerometer samples on real time, anchored by the log's first {@code $GVGNSTIM}.
 *
 * <p>Vehicle frame, a documented assumption until the IMU calibration lands: the sensor's x axis
 * points forward and y to the left (ISO 8855), and each axis's mean over the whole recording is its
 * mounting offset (tilt leaking gravity into x and y) and is subtracted; this holds for a drive
 * that starts and ends at rest. {@code GeniviDriveTest} checks the assumption on the Regensburg
 * recording against accelerations derived from its own GNSS speeds and headings.
 */
public final class GeniviDrive {
  /** The parsed recording, in file order. */
  public record Recording(List<GnssFix> fixes, List<VehicleAcceleration> samples) {}

  private GeniviDrive() {}

  /**
   * @throws IOException if unreadable, if a line does not parse, or if it has no {@code $GVGNSTIM}
   *     to anchor its times
   */
  public static Recording read(Path file) throws IOException {
    GeniviLog.Recording log = GeniviLog.read(file);
    for (Map.Entry<String, Integer> rejected : log.rejected().entrySet()) {
      if (rejected.getKey().startsWith("malformed")) {
        throw new IOException(file + ": " + rejected.getValue() + " lines " + rejected.getKey());
      }
    }
    GeniviLog.UtcAnchor anchor =
        log.utcAnchor()
            .orElseThrow(
                () -> new IOException(file + ": no $GVGNSTIM line to anchor sensor times to UTC"));
    List<GnssFix> fixes = new ArrayList<>(log.fixes().size());
    for (GnssFix f : log.fixes()) {
      fixes.add(f.at(anchor.utcOf(f.fixTime())));
    }
    return new Recording(fixes, samples(log.samples(), anchor));
  }

  private static List<VehicleAcceleration> samples(
      List<ImuSample> raw, GeniviLog.UtcAnchor anchor) {
    double meanX = raw.stream().mapToDouble(ImuSample::accelXMps2).average().orElse(0);
    double meanY = raw.stream().mapToDouble(ImuSample::accelYMps2).average().orElse(0);
    List<VehicleAcceleration> out = new ArrayList<>(raw.size());
    for (ImuSample s : raw) {
      out.add(
          new VehicleAcceleration(
              anchor.utcOf(s.time()), s.accelXMps2() - meanX, s.accelYMps2() - meanY));
    }
    return out;
  }
}
