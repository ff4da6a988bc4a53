package dev.vigil.device.gps;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One framed sentence in, one {@link NmeaSentence} or a reason out (pure, no state).
 *
 * <p>Sentences: RMC, GGA, GNS, VTG, GSA, GSV, GLL, ZDA. The checksum is required: every receiver in
 * the recordings sends one, and a sentence without it cannot be told from a line cut short. Talkers
 * GP (GPS), GN (combined), GL (GLONASS), GA (Galileo), BD and GB (BeiDou), GQ (QZSS) are accepted;
 * proprietary sentences ({@code $P...}) and other types are skipped, which is not an error.
 */
public final class NmeaParser {
  /** Outcome of parsing one sentence. */
  public sealed interface Result {}

  public record Parsed(String talker, NmeaSentence sentence) implements Result {}

  public record Skipped(String address) implements Result {}

  public record Rejected(Reason reason, String sentence) implements Result {}

  /** Why a sentence was refused. */
  public enum Reason {
    MISSING_CHECKSUM,
    BAD_CHECKSUM,
    MALFORMED
  }

  private static final Set<String> TALKERS = Set.of("GP", "GN", "GL", "GA", "BD", "GB", "GQ");

  private NmeaParser() {}

  public static Result parse(String line) {
    int star = line.lastIndexOf('*');
    if (star < 0 || star + 3 != line.length()) {
      return new Rejected(Reason.MISSING_CHECKSUM, line);
    }
    int expected = hex(line.charAt(star + 1), line.charAt(star + 2));
    if (expected < 0) {
      return new Rejected(Reason.MALFORMED, line);
    }
    int actual = 0;
    for (int i = 1; i < star; i++) {
      actual ^= line.charAt(i);
    }
    if (actual != expected) {
      return new Rejected(Reason.BAD_CHECKSUM, line);
    }
    String[] f = line.substring(1, star).split(",", -1);
    String address = f[0];
    if (address.length() != 5
        || address.startsWith("P")
        || !TALKERS.contains(address.substring(0, 2))) {
      return new Skipped(address);
    }
    try {
      Optional<NmeaSentence> sentence = sentence(address.substring(2), f);
      return sentence
          .<Result>map(s -> new Parsed(address.substring(0, 2), s))
          .orElseGet(() -> new Skipped(address));
    } catch (RuntimeException e) {
      // NumberFormatException, DateTimeException, a missing field: a damaged sentence that
      // happened to keep a valid checksum.
      return new Rejected(Reason.MALFORMED, line);
    }
  }

  private static Optional<NmeaSentence> sentence(String type, String[] f) {
    return Optional.ofNullable(
        switch (type) {
          case "RMC" ->
              new NmeaSentence.Rmc(
                  time(f[1]),
                  "A".equals(f[2]),
                  coordinate(f[3], f[4]),
                  coordinate(f[5], f[6]),
                  decimal(f[7]),
                  decimal(f[8]),
                  date(f[9]));
          case "GGA" ->
              new NmeaSentence.Gga(
                  time(f[1]),
                  coordinate(f[2], f[3]),
                  coordinate(f[4], f[5]),
                  f[6].isEmpty() ? 0 : Integer.parseInt(f[6]),
                  f[7].isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(f[7])),
                  decimal(f[8]),
                  decimal(f[9]));
          case "GNS" ->
              new NmeaSentence.Gns(
                  time(f[1]),
                  coordinate(f[2], f[3]),
                  coordinate(f[4], f[5]),
                  !f[6].isEmpty() && f[6].chars().anyMatch(c -> c != 'N'),
                  f[7].isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(f[7])),
                  decimal(f[8]),
                  decimal(f[9]));
          case "VTG" -> new NmeaSentence.Vtg(decimal(f[1]), decimal(f[5]));
          case "GSA" ->
              new NmeaSentence.Gsa(
                  f[2].isEmpty() ? 1 : Integer.parseInt(f[2]),
                  decimal(f[f.length >= 17 ? 16 : f.length - 2]));
          case "GSV" -> new NmeaSentence.Gsv(f[3].isEmpty() ? 0 : Integer.parseInt(f[3]));
          case "GLL" ->
              new NmeaSentence.Gll(
                  coordinate(f[1], f[2]), coordinate(f[3], f[4]), time(f[5]), "A".equals(f[6]));
          case "ZDA" ->
              new NmeaSentence.Zda(
                  time(f[1]),
                  LocalDate.of(
                      Integer.parseInt(f[4]), Integer.parseInt(f[3]), Integer.parseInt(f[2])));
          default -> null;
        });
  }

  /** {@code hhmmss[.sss]} to a time of day. */
  static LocalTime time(String field) {
    if (field.length() < 6) {
      throw new DateTimeException("time field '" + field + "'");
    }
    int hours = Integer.parseInt(field.substring(0, 2));
    int minutes = Integer.parseInt(field.substring(2, 4));
    double seconds = Double.parseDouble(field.substring(4));
    int whole = (int) seconds;
    long nanos = Math.round((seconds - whole) * 1_000) * 1_000_000L;
    return LocalTime.of(hours, minutes, whole, (int) nanos);
  }

  /** {@code ddmmyy}; two-digit years are 2000-2099 (receivers in the field report 20xx). */
  static Optional<LocalDate> date(String field) {
    if (field.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        LocalDate.of(
            2000 + Integer.parseInt(field.substring(4, 6)),
            Integer.parseInt(field.substring(2, 4)),
            Integer.parseInt(field.substring(0, 2))));
  }

  /** {@code (d)ddmm.mmmm} plus hemisphere to signed degrees. */
  static OptionalDouble coordinate(String value, String hemisphere) {
    if (value.isEmpty() || hemisphere.isEmpty()) {
      return OptionalDouble.empty();
    }
    int dot = value.indexOf('.');
    int degreeDigits = (dot < 0 ? value.length() : dot) - 2;
    double degrees = Integer.parseInt(value.substring(0, degreeDigits));
    double minutes = Double.parseDouble(value.substring(degreeDigits));
    if (minutes >= 60) {
      throw new NumberFormatException("minutes out of range: " + value);
    }
    double signed = degrees + minutes / 60.0;
    char h = hemisphere.charAt(0);
    return OptionalDouble.of(h == 'S' || h == 'W' ? -signed : signed);
  }

  private static OptionalDouble decimal(String field) {
    return field.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(field));
  }

  private static int hex(char high, char low) {
    int h = Character.digit(high, 16);
    int l = Character.digit(low, 16);
    return h < 0 || l < 0 ? -1 : h * 16 + l;
  }
}
