package dev.vigil.device.safety.detect;

import dev.vigil.device.safety.Finding;
import dev.vigil.device.safety.Hazard;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Night policy (pure): driving, or a trip starting, inside the night window raises NIGHT_DRIVING
 * once per night and trip (a new trip in the same night raises it again). The window may wrap
 * midnight; times are local to {@code zone}.
 */
public final class NightDetector {
  /**
   * @param start default 22:00 and
   * @param end default 06:00: the night period of Chinese road passenger transport rules, which
   *     restrict night driving for long-distance coaches; the same window the issue asks for
   * @param enabled false switches the night policy off
   */
  public record Thresholds(LocalTime start, LocalTime end, ZoneId zone, boolean enabled) {
    public static Thresholds defaults(ZoneId zone) {
      return new Thresholds(LocalTime.of(22, 0), LocalTime.of(6, 0), zone, true);
    }
  }

  private final Thresholds limits;
  private LocalDate raisedNight;
  private String raisedTrip = "";
  // The current night window as instants, so most updates compare instants instead of converting
  // each time to local time.
  private Instant windowStart = Instant.MAX;
  private Instant windowEnd = Instant.MIN;
  private LocalDate windowNight;

  public NightDetector(Thresholds limits) {
    this.limits = limits;
  }

  /**
   * @param tripId the current trip, "" when none
   * @param tripStarting a trip was set at {@code t}: raise even before the vehicle moves
   */
  public void update(
      Instant t, boolean driving, String tripId, boolean tripStarting, List<Finding> out) {
    if (!limits.enabled() || !(driving || tripStarting)) {
      return;
    }
    boolean known = !t.isBefore(windowStart) && t.isBefore(windowEnd);
    if (known && windowNight.equals(raisedNight) && tripId.equals(raisedTrip)) {
      return;
    }
    ZonedDateTime local = t.atZone(limits.zone());
    LocalDate night = nightOf(local.toLocalDate(), local.toLocalTime());
    if (night == null) {
      return;
    }
    remember(night);
    if (night.equals(raisedNight) && tripId.equals(raisedTrip)) {
      return;
    }
    raisedNight = night;
    raisedTrip = tripId;
    out.add(
        Finding.of(
            Hazard.NIGHT_DRIVING,
            t,
            Map.of(
                "localTime",
                String.format(
                    java.util.Locale.ROOT,
                    "%02d:%02d:%02d",
                    local.getHour(),
                    local.getMinute(),
                    local.getSecond()),
                "window",
                limits.start() + "-" + limits.end(),
                "reason",
                tripStarting ? "trip_started" : "driving")));
  }

  private void remember(LocalDate night) {
    windowNight = night;
    windowStart = night.atTime(limits.start()).atZone(limits.zone()).toInstant();
    LocalDate endDay = limits.start().isBefore(limits.end()) ? night : night.plusDays(1);
    windowEnd = endDay.atTime(limits.end()).atZone(limits.zone()).toInstant();
  }

  /** The date the night window began on, or null outside it. */
  private LocalDate nightOf(LocalDate date, LocalTime time) {
    LocalTime start = limits.start();
    LocalTime end = limits.end();
    if (start.isBefore(end)) {
      return !time.isBefore(start) && time.isBefore(end) ? date : null;
    }
    if (!time.isBefore(start)) {
      return date;
    }
    return time.isBefore(end) ? date.minusDays(1) : null;
  }
}
