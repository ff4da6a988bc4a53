package dev.vigil.device.safety.replay;

import dev.vigil.device.gps.FixMode;
import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.VehicleAcceleration;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A GENIVI positioning log (the log-replayer's format, version 4): lines {@code
 * ms_since_start,0,$GV...}. Read here: {@code $GVSNSACC,ts,x,y,z,temperature,validity}
 * (accelerometer, m/s², sensor axes), {@code $GVGNSTIM,ts,yyyy,MM,dd,HH,mm,ss,SSS,...} (UTC at
 * {@code ts}, which anchors every sensor timestamp to real time) and {@code $GVGNSPOS,ts,lat,lon,
 * altMsl,altEll,hSpeed,vSpeed,heading,pdop,hdop,vdop,used,tracked,visible,...,fixStatus,...}
 * (fixStatus 2 = 2D, 3 = 3D, as in GENIVI's gnss.h; 9999 marks an unknown value). Lines starting
 * with '#' and other sentences are skipped.
 *
 * <p>Vehicle frame, a documented assumption until the IMU calibration lands: the sensor's x axis
 * points forward and y to the left (ISO 8855), and each axis's mean over the whole recording is its
 * mounting offset (tilt leaking gravity into x and y) and is subtracted; this holds for a drive
 * that starts and ends at rest. {@code GeniviLogTest} checks the assumption on the Regensburg
 * recording against accelerations derived from its own GNSS speeds and headings.
 */
public final class GeniviLog {
  private static final double UNKNOWN = 9999;

  /** The parsed recording, in file order. */
  public record Recording(List<GnssFix> fixes, List<VehicleAcceleration> samples) {}

  private record Raw(long ts, double x, double y) {}

  private GeniviLog() {}

  /**
   * @throws IOException if unreadable, or if it has no {@code $GVGNSTIM} to anchor its times
   */
  public static Recording read(Path file) throws IOException {
    List<Raw> raw = new ArrayList<>();
    List<String[]> positions = new ArrayList<>();
    long anchorTs = Long.MIN_VALUE;
    Instant anchor = null;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        int dollar = line.indexOf('$');
        if (line.startsWith("#") || dollar < 0) {
          continue;
        }
        String[] f = line.substring(dollar).split(",");
        try {
          switch (f[0]) {
            case "$GVSNSACC" -> raw.add(new Raw(Long.parseLong(f[1]), num(f[2]), num(f[3])));
            case "$GVGNSPOS" -> positions.add(f);
            case "$GVGNSTIM" -> {
              if (anchor == null) {
                anchorTs = Long.parseLong(f[1]);
                anchor = utc(f);
              }
            }
            default -> {}
          }
        } catch (RuntimeException e) {
          throw new IOException(file + ": bad line '" + line + "': " + e.getMessage(), e);
        }
      }
    }
    if (anchor == null) {
      throw new IOException(file + ": no $GVGNSTIM line to anchor sensor times to UTC");
    }
    return new Recording(fixes(positions, anchor, anchorTs), samples(raw, anchor, anchorTs));
  }

  private static List<VehicleAcceleration> samples(List<Raw> raw, Instant anchor, long anchorTs) {
    double meanX = raw.stream().mapToDouble(Raw::x).average().orElse(0);
    double meanY = raw.stream().mapToDouble(Raw::y).average().orElse(0);
    List<VehicleAcceleration> out = new ArrayList<>(raw.size());
    for (Raw r : raw) {
      out.add(
          new VehicleAcceleration(
              anchor.plusMillis(r.ts() - anchorTs), r.x() - meanX, r.y() - meanY));
    }
    return out;
  }

  private static List<GnssFix> fixes(List<String[]> positions, Instant anchor, long anchorTs) {
    List<GnssFix> out = new ArrayList<>(positions.size());
    long lastTs = Long.MIN_VALUE;
    for (String[] f : positions) {
      long ts = Long.parseLong(f[1]);
      int status = Integer.parseInt(f[20].trim());
      if (ts <= lastTs || (status != 2 && status != 3)) {
        continue;
      }
      lastTs = ts;
      out.add(
          new GnssFix(
              anchor.plusMillis(ts - anchorTs),
              num(f[2]),
              num(f[3]),
              known(num(f[6])).orElse(Double.NaN),
              known(num(f[8])),
              known(num(f[4])),
              status == 3 ? FixMode.THREE_D : FixMode.TWO_D,
              Integer.parseInt(f[12].trim()),
              known(num(f[10]))));
    }
    return out;
  }

  private static Instant utc(String[] f) {
    return LocalDateTime.of(
            Integer.parseInt(f[2]),
            Integer.parseInt(f[3]),
            Integer.parseInt(f[4]),
            Integer.parseInt(f[5]),
            Integer.parseInt(f[6]),
            Integer.parseInt(f[7]),
            Integer.parseInt(f[8]) * 1_000_000)
        .toInstant(ZoneOffset.UTC);
  }

  private static double num(String field) {
    return Double.parseDouble(field.trim());
  }

  private static OptionalDouble known(double value) {
    return value >= UNKNOWN ? OptionalDouble.empty() : OptionalDouble.of(value);
  }
}
