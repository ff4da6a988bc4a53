package dev.vigil.device.gps;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Combines the sentences of one receiver epoch into one {@link GnssFix} (pure; one instance per
 * receiver). An epoch is the run of sentences with the same UTC time of day, plus the untimed ones
 * (VTG, GSA, GSV) that follow them; it is complete when a sentence with another time arrives, or on
 * {@link #flush} at the end of a stream.
 *
 * <p>Within an epoch the last sentence to report a value wins, as gpsd does. Fix mode: GSA's fix
 * type when the epoch has one; else 3D when GGA reports a fix with an altitude, 2D when GGA or a
 * valid RMC/GLL report a position. An epoch without a position, with a fix mode below 2D, or
 * without any known date yields no fix. The date comes from RMC or ZDA and is carried forward
 * (across midnight too) for epochs whose sentences carry only a time.
 */
public final class EpochAssembler {
  /** 1 knot = 1852 m / 3600 s, exactly. */
  static final double MPS_PER_KNOT = 1852.0 / 3600.0;

  private LocalTime epoch;
  private LocalDate date;
  private LocalTime dateSetAt;
  private Values values = new Values();

  /** Feeds one sentence; returns the fix of the previous epoch when this one starts a new epoch. */
  public Optional<GnssFix> accept(NmeaSentence sentence) {
    Optional<GnssFix> completed = Optional.empty();
    Optional<LocalTime> time = sentence.time();
    if (time.isPresent() && !time.get().equals(epoch)) {
      completed = flush();
      epoch = time.get();
    }
    apply(sentence);
    return completed;
  }

  /** Completes the current epoch (end of a recording, or a receiver gone quiet). */
  public Optional<GnssFix> flush() {
    Optional<GnssFix> fix = build();
    values = new Values();
    return fix;
  }

  private void apply(NmeaSentence sentence) {
    if (sentence instanceof NmeaSentence.Rmc rmc) {
      rmc.date().ifPresent(d -> setDate(d, rmc.utc()));
      if (rmc.valid()) {
        position(rmc.latDeg(), rmc.lonDeg());
        values.positionMode = Math.max(values.positionMode, 2);
      }
      rmc.speedKnots().ifPresent(k -> values.speedKnots = OptionalDouble.of(k));
      rmc.courseDeg().ifPresent(c -> values.courseDeg = OptionalDouble.of(c));
    } else if (sentence instanceof NmeaSentence.Gga gga) {
      if (gga.quality() > 0) {
        position(gga.latDeg(), gga.lonDeg());
        values.positionMode = gga.altitudeM().isPresent() ? 3 : Math.max(values.positionMode, 2);
        values.altitudeM = gga.altitudeM();
      }
      gga.satellites().ifPresent(n -> values.satellites = n);
      gga.hdop().ifPresent(h -> values.hdop = OptionalDouble.of(h));
    } else if (sentence instanceof NmeaSentence.Gns gns) {
      if (gns.fix()) {
        position(gns.latDeg(), gns.lonDeg());
        values.positionMode = gns.altitudeM().isPresent() ? 3 : Math.max(values.positionMode, 2);
        values.altitudeM = gns.altitudeM();
      }
      gns.satellites().ifPresent(n -> values.satellites = n);
      gns.hdop().ifPresent(h -> values.hdop = OptionalDouble.of(h));
    } else if (sentence instanceof NmeaSentence.Vtg vtg) {
      vtg.speedKnots().ifPresent(k -> values.speedKnots = OptionalDouble.of(k));
      vtg.courseDeg().ifPresent(c -> values.courseDeg = OptionalDouble.of(c));
    } else if (sentence instanceof NmeaSentence.Gsa gsa) {
      values.gsaMode = gsa.fixType();
      gsa.hdop().ifPresent(h -> values.hdop = OptionalDouble.of(h));
    } else if (sentence instanceof NmeaSentence.Gll gll) {
      if (gll.valid()) {
        position(gll.latDeg(), gll.lonDeg());
        values.positionMode = Math.max(values.positionMode, 2);
      }
    } else if (sentence instanceof NmeaSentence.Zda zda) {
      setDate(zda.date(), zda.utc());
    }
  }

  private void position(OptionalDouble lat, OptionalDouble lon) {
    if (lat.isPresent() && lon.isPresent()) {
      values.latDeg = lat.getAsDouble();
      values.lonDeg = lon.getAsDouble();
      values.hasPosition = true;
    }
  }

  private void setDate(LocalDate newDate, LocalTime at) {
    date = newDate;
    dateSetAt = at;
  }

  private Optional<GnssFix> build() {
    int mode = values.gsaMode > 0 ? values.gsaMode : values.positionMode;
    if (!values.hasPosition || mode < 2 || date == null || epoch == null) {
      return Optional.empty();
    }
    LocalDate day = epoch.isBefore(dateSetAt) ? date.plusDays(1) : date; // crossed midnight
    return Optional.of(
        new GnssFix(
            day.atTime(epoch).toInstant(ZoneOffset.UTC),
            values.latDeg,
            values.lonDeg,
            values.speedKnots.isPresent()
                ? values.speedKnots.getAsDouble() * MPS_PER_KNOT
                : Double.NaN,
            values.courseDeg,
            mode == 3 ? values.altitudeM : OptionalDouble.empty(),
            mode == 3 ? FixMode.THREE_D : FixMode.TWO_D,
            values.satellites,
            values.hdop));
  }

  /** What the current epoch has reported so far. */
  private static final class Values {
    boolean hasPosition;
    double latDeg;
    double lonDeg;
    int positionMode;
    int gsaMode;
    int satellites = -1;
    OptionalDouble speedKnots = OptionalDouble.empty();
    OptionalDouble courseDeg = OptionalDouble.empty();
    OptionalDouble altitudeM = OptionalDouble.empty();
    OptionalDouble hdop = OptionalDouble.empty();
  }
}
