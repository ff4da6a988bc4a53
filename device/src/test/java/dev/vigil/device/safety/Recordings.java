package dev.vigil.device.safety;

import dev.vigil.device.gps.FixMode;
import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.gps.ReplayGnssSource;
import dev.vigil.device.safety.replay.GeniviDrive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real drives the safety tests replay (provenance beside each file), and the few ways tests
 * derive variations from them (shift, translate, splice). Recordings are never edited.
 */
public final class Recordings {
  public static final Path MUNICH = Path.of("../scripts/data/munich-gps.nmea");
  public static final Path GEKO = Path.of("src/test/resources/genivi/20100411_Geko_Regensburg.txt");
  public static final Path GENIVI =
      Path.of("src/test/resources/genivi/20160209_RPi_GENIVI_Regensburg.log");
  public static final Path BAREFOOT = Path.of("src/test/resources/barefoot/x0001-001.json");

  private static final Pattern BAREFOOT_POINT =
      Pattern.compile("\"point\":\"POINT\\(([-0-9.]+) ([-0-9.]+)\\)\",\"time\":\"([^\"]+)\"");
  private static final DateTimeFormatter BAREFOOT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssZ");

  private Recordings() {}

  /** 31-min Munich drive, 1 Hz, with speed and course. */
  public static List<GnssFix> munich() {
    return nmea(MUNICH);
  }

  /** 26-min Regensburg drive, Garmin Geko, a fix every 2 s. */
  public static List<GnssFix> geko() {
    return nmea(GEKO);
  }

  public static GeniviDrive.Recording genivi() {
    try {
      return GeniviDrive.read(GENIVI);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Barefoot's Munich trace: positions at 1 s, no speed (NaN) and no course. */
  public static List<GnssFix> barefoot() {
    try {
      Matcher m = BAREFOOT_POINT.matcher(Files.readString(BAREFOOT));
      List<GnssFix> fixes = new ArrayList<>();
      while (m.find()) {
        Instant t = OffsetDateTime.parse(m.group(3), BAREFOOT_TIME).toInstant();
        fixes.add(
            fix(t, Double.parseDouble(m.group(2)), Double.parseDouble(m.group(1)), Double.NaN));
      }
      return fixes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<GnssFix> nmea(Path file) {
    try {
      return ReplayGnssSource.decode(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static GnssFix fix(Instant t, double lat, double lon, double speedMps) {
    return new GnssFix(
        t,
        lat,
        lon,
        speedMps,
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        FixMode.THREE_D,
        -1,
        OptionalDouble.empty());
  }

  /** The same fix at another time and place offset (a recorded segment moved elsewhere). */
  public static GnssFix moved(GnssFix f, Duration shift, double dLatDeg, double dLonDeg) {
    return new GnssFix(
        f.fixTime().plus(shift),
        f.latDeg() + dLatDeg,
        f.lonDeg() + dLonDeg,
        f.speedMps(),
        f.courseDeg(),
        f.altitudeM(),
        f.mode(),
        f.satellites(),
        f.hdop());
  }

  public static List<GnssFix> shifted(List<GnssFix> fixes, Duration shift) {
    List<GnssFix> out = new ArrayList<>(fixes.size());
    for (GnssFix f : fixes) {
      out.add(moved(f, shift, 0, 0));
    }
    return out;
  }

  /** {latDeg, lonDeg} pairs of the fixes, for a route. */
  public static List<double[]> points(List<GnssFix> fixes) {
    List<double[]> out = new ArrayList<>(fixes.size());
    for (GnssFix f : fixes) {
      out.add(new double[] {f.latDeg(), f.lonDeg()});
    }
    return out;
  }
}
