package dev.vigil.device.gps;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The sentences the agent uses, as values. Positions are WGS-84 degrees (south and west negative);
 * speeds are knots as sent; a field the receiver left empty is empty here.
 */
public sealed interface NmeaSentence {
  /** Receiver UTC time of day of the epoch the sentence belongs to, when it carries one. */
  default Optional<LocalTime> time() {
    return Optional.empty();
  }

  /** Recommended minimum data: time, status, position, speed, course, date. */
  record Rmc(
      LocalTime utc,
      boolean valid,
      OptionalDouble latDeg,
      OptionalDouble lonDeg,
      OptionalDouble speedKnots,
      OptionalDouble courseDeg,
      Optional<LocalDate> date)
      implements NmeaSentence {
    @Override
    public Optional<LocalTime> time() {
      return Optional.of(utc);
    }
  }

  /** Fix data: time, position, quality (0 = no fix), satellites used, HDOP, altitude MSL. */
  record Gga(
      LocalTime utc,
      OptionalDouble latDeg,
      OptionalDouble lonDeg,
      int quality,
      OptionalInt satellites,
      OptionalDouble hdop,
      OptionalDouble altitudeM)
      implements NmeaSentence {
    @Override
    public Optional<LocalTime> time() {
      return Optional.of(utc);
    }
  }

  /**
   * GNSS fix data of multi-constellation receivers: like GGA, with a mode letter per constellation
   * ('N' no fix) instead of a quality number. Some receivers send only GNS in epochs without a fix.
   */
  record Gns(
      LocalTime utc,
      OptionalDouble latDeg,
      OptionalDouble lonDeg,
      boolean fix,
      OptionalInt satellites,
      OptionalDouble hdop,
      OptionalDouble altitudeM)
      implements NmeaSentence {
    @Override
    public Optional<LocalTime> time() {
      return Optional.of(utc);
    }
  }

  /** Course and speed over ground; no time of its own. */
  record Vtg(OptionalDouble courseDeg, OptionalDouble speedKnots) implements NmeaSentence {}

  /** Fix type (1 none, 2 2D, 3 3D) and dilution; no time of its own. */
  record Gsa(int fixType, OptionalDouble hdop) implements NmeaSentence {}

  /** Satellites in view: parsed for checksum and counts, not used in fixes. */
  record Gsv(int satellitesInView) implements NmeaSentence {}

  /** Geographic position with time and status. */
  record Gll(OptionalDouble latDeg, OptionalDouble lonDeg, LocalTime utc, boolean valid)
      implements NmeaSentence {
    @Override
    public Optional<LocalTime> time() {
      return Optional.of(utc);
    }
  }

  /** Time and date. */
  record Zda(LocalTime utc, LocalDate date) implements NmeaSentence {
    @Override
    public Optional<LocalTime> time() {
      return Optional.of(utc);
    }
  }
}
