package dev.vigil.device.imu;

import dev.vigil.device.gps.FixMode;
import dev.vigil.device.gps.GnssFix;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Reads a GENIVI positioning log (the format of GENIVI/positioning's {@code log-replayer}): one
 * sentence a line, {@code ms_since_start,countdown,$TAG,sensor_timestamp_ms,fields...}, '#' lines
 * are comments. Field layouts follow the project's writers ({@code snslog.c}, {@code gnsslog.c}):
 *
 * <pre>
 * $GVSNSACC,timestamp,x,y,z,temperature,validityBits          x/y/z in m/s², sensor axes
 * $GVSNSGYR,timestamp,yawRate,pitchRate,rollRate,temperature,validityBits   deg/s about z/y/x
 * $GVGNSPOS,timestamp,lat,lon,altMSL,altEll,hSpeed,vSpeed,heading,pdop,hdop,vdop,usedSats,
 *           trackedSats,visibleSats,sigmaHPos,sigmaAlt,sigmaHSpeed,sigmaVSpeed,sigmaHeading,
 *           fixStatus,fixTypeBits,activatedSystems,usedSystems,validityBits
 * $GVGNSTIM,timestamp,yyyy,MM,dd,HH,mm,ss,SSS,...          UTC at that sensor timestamp
 * </pre>
 *
 * Times are the sensor timestamps (one clock for all sensors and GNSS), as instants since the
 * epoch: a recording's own timeline, which a replay shifts to the agent's clock, or {@link
 * UtcAnchor} (the first {@code $GVGNSTIM}) to real time. The one reader of the format: the IMU
 * replay and the safety replay both read logs through it. An accelerometer and a gyroscope sentence
 * with the same timestamp make one {@link ImuSample}. Pure: the caller reads the file.
 */
public final class GeniviLog {
  private static final int ACC_XYZ_VALID = 0x7;
  private static final int GYR_YPR_VALID = 0x7;

  /** Latitude, longitude, horizontal speed and fix status valid (gnss.h validity bits). */
  private static final long POS_NEEDED = 0x1 | 0x2 | 0x10 | 0x40000;

  private static final long POS_ALTMSL_VALID = 0x4;
  private static final long POS_HEADING_VALID = 0x40;
  private static final long POS_HDOP_VALID = 0x100;
  private static final long POS_USED_SATS_VALID = 0x400;

  /** A GNSS speed over ground from {@code $GVGNSPOS}, with a 2D or 3D fix. */
  public record SpeedFix(Instant time, double speedMps) {}

  /** UTC at one sensor timestamp (a {@code $GVGNSTIM}): puts the log's timeline on real time. */
  public record UtcAnchor(Instant sensorTime, Instant utc) {
    /** The real time of a sensor timestamp. */
    public Instant utcOf(Instant sensorTime) {
      return utc.plus(Duration.between(this.sensorTime, sensorTime));
    }
  }

  /**
   * What a log held: IMU samples, GNSS fixes ({@code $GVGNSPOS} with a 2D or 3D fix and a speed;
   * heading is the recorder's, course over ground), the first {@code $GVGNSTIM} if any, and
   * unusable lines counted by reason ({@code "malformed <tag>"} for a line that does not parse).
   */
  public record Recording(
      List<ImuSample> samples,
      List<GnssFix> fixes,
      Optional<UtcAnchor> utcAnchor,
      Map<String, Integer> rejected) {
    /** The fixes' speeds. */
    public List<SpeedFix> speeds() {
      return fixes.stream().map(f -> new SpeedFix(f.fixTime(), f.speedMps())).toList();
    }
  }

  private final List<ImuSample> samples = new ArrayList<>();
  private final List<GnssFix> fixes = new ArrayList<>();
  private final Map<String, Integer> rejected = new TreeMap<>();
  private PendingAcc pendingAcc;
  private UtcAnchor utcAnchor;

  private record PendingAcc(String timestamp, double x, double y, double z) {}

  public static Recording read(Path file) throws IOException {
    GeniviLog log = new GeniviLog();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        log.feed(line);
      }
    }
    return log.finish();
  }

  /** Takes one line of a log. */
  public void feed(String line) {
    if (line.isBlank() || line.startsWith("#")) {
      return;
    }
    String[] f = line.split(",", -1);
    for (int i = 0; i < f.length; i++) {
      f[i] = f[i].strip();
    }
    try {
      accept(f);
    } catch (RuntimeException e) {
      count("malformed " + (f.length > 2 ? f[2] : "line"));
    }
  }

  private void accept(String[] f) {
    String tag = f.length > 2 ? f[2] : "";
    switch (tag) {
      case "$GVSNSACC" -> acceleration(f);
      case "$GVSNSGYR" -> gyroscope(f);
      case "$GVGNSPOS" -> position(f);
      case "$GVGNSTIM" -> time(f);
      default -> {
        // Version, time and other sentences carry nothing the IMU needs.
      }
    }
  }

  private void acceleration(String[] f) {
    if (f.length != 9 || (Long.decode(f[8]) & ACC_XYZ_VALID) != ACC_XYZ_VALID) {
      count("invalid $GVSNSACC");
      return;
    }
    PendingAcc acc = new PendingAcc(f[3], parse(f[4]), parse(f[5]), parse(f[6]));
    if (pendingAcc != null) {
      count("$GVSNSACC without $GVSNSGYR");
    }
    pendingAcc = acc;
  }

  private void gyroscope(String[] f) {
    PendingAcc acc = pendingAcc;
    pendingAcc = null;
    if (f.length != 9 || (Long.decode(f[8]) & GYR_YPR_VALID) != GYR_YPR_VALID) {
      count("invalid $GVSNSGYR");
    } else if (acc == null || !acc.timestamp().equals(f[3])) {
      count("$GVSNSGYR without $GVSNSACC");
    } else {
      samples.add(
          new ImuSample(
              Instant.ofEpochMilli(Long.parseLong(f[3])),
              acc.x(),
              acc.y(),
              acc.z(),
              parse(f[6]),
              parse(f[5]),
              parse(f[4])));
    }
  }

  private void position(String[] f) {
    if (f.length != 27) {
      count("malformed $GVGNSPOS");
      return;
    }
    long valid = Long.decode(f[26]);
    int fixStatus = Integer.parseInt(f[22]);
    if ((valid & POS_NEEDED) != POS_NEEDED || fixStatus < 2) {
      count("$GVGNSPOS without fix or speed");
      return;
    }
    GnssFix fix = fix(f, valid, fixStatus);
    int last = fixes.size() - 1;
    if (last >= 0 && !fix.fixTime().isAfter(fixes.get(last).fixTime())) {
      // The logger repeats an epoch as more of its fields become valid: keep the newest.
      if (fix.fixTime().equals(fixes.get(last).fixTime())) {
        fixes.set(last, fix);
      } else {
        count("$GVGNSPOS out of order");
      }
      return;
    }
    fixes.add(fix);
  }

  private void time(String[] f) {
    if (utcAnchor == null) {
      Instant utc =
          LocalDateTime.of(
                  Integer.parseInt(f[4]),
                  Integer.parseInt(f[5]),
                  Integer.parseInt(f[6]),
                  Integer.parseInt(f[7]),
                  Integer.parseInt(f[8]),
                  Integer.parseInt(f[9]),
                  Integer.parseInt(f[10]) * 1_000_000)
              .toInstant(ZoneOffset.UTC);
      utcAnchor = new UtcAnchor(Instant.ofEpochMilli(Long.parseLong(f[3])), utc);
    }
  }

  private static GnssFix fix(String[] f, long valid, int fixStatus) {
    return new GnssFix(
        Instant.ofEpochMilli(Long.parseLong(f[3])),
        parse(f[4]),
        parse(f[5]),
        parse(f[8]),
        (valid & POS_HEADING_VALID) != 0 ? OptionalDouble.of(parse(f[10])) : OptionalDouble.empty(),
        (valid & POS_ALTMSL_VALID) != 0 ? OptionalDouble.of(parse(f[6])) : OptionalDouble.empty(),
        fixStatus >= 3 ? FixMode.THREE_D : FixMode.TWO_D,
        (valid & POS_USED_SATS_VALID) != 0 ? Integer.parseInt(f[14]) : -1,
        (valid & POS_HDOP_VALID) != 0 ? OptionalDouble.of(parse(f[12])) : OptionalDouble.empty());
  }

  private static double parse(String value) {
    double v = Double.parseDouble(value);
    if (!Double.isFinite(v)) {
      throw new NumberFormatException(value);
    }
    return v;
  }

  private void count(String reason) {
    rejected.merge(reason, 1, Integer::sum);
  }

  /** What was read so far; an accelerometer sentence still waiting for its gyroscope is dropped. */
  public Recording finish() {
    if (pendingAcc != null) {
      count("$GVSNSACC without $GVSNSGYR");
      pendingAcc = null;
    }
    return new Recording(
        List.copyOf(samples),
        List.copyOf(fixes),
        Optional.ofNullable(utcAnchor),
        Map.copyOf(rejected));
  }
}
