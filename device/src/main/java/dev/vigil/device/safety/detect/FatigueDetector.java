package dev.vigil.device.safety.detect;

import dev.vigil.device.safety.Finding;
import dev.vigil.device.safety.Hazard;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Driving time against the fatigue limits (pure; fed a time and whether the vehicle is being driven
 * at that time, i.e. ignition on and not standing still). Time between two updates counts as
 * driving when the later update says so; a gap longer than {@link #MAX_GAP} (the box was off, or
 * GNSS gone) counts as rest, since no driving was observed. Continuous driving resets after a rest
 * of {@code minRest} in one piece; daily driving resets at local midnight in {@code zone}. Each
 * limit is pre-warned once, then raised, then raised again every {@code repeatEvery} while the
 * driver drives on.
 */
public final class FatigueDetector {
  static final Duration MAX_GAP = Duration.ofSeconds(60);

  /**
   * Defaults: 4 h continuous driving without a rest of at least 20 min (China, Road Traffic Safety
   * Law Implementing Regulations, Art. 62(7)); 8 h of driving a day (China, Ministry of Transport,
   * Provisions on Dynamic Supervision of Road Transport Vehicles, 2016); pre-warning 15 min before
   * either. For EU fleets, Regulation (EC) No 561/2006 allows 4.5 h before a 45-min break (Art. 7)
   * and 9 h a day (Art. 6): set 270, 45 and 540 minutes.
   */
  public record Thresholds(
      Duration continuousLimit,
      Duration minRest,
      Duration dailyLimit,
      Duration preWarning,
      Duration repeatEvery,
      ZoneId zone) {
    public static Thresholds defaults(ZoneId zone) {
      return new Thresholds(
          Duration.ofHours(4),
          Duration.ofMinutes(20),
          Duration.ofHours(8),
          Duration.ofMinutes(15),
          Duration.ofMinutes(30),
          zone);
    }
  }

  private final Thresholds limits;
  private final Limit continuous;
  private final Limit daily;
  private Duration rest = Duration.ZERO;
  private Instant last;
  private Instant dayStart = Instant.MAX;
  private Instant nextDayStart = Instant.MIN;

  public FatigueDetector(Thresholds limits) {
    this.limits = limits;
    continuous = new Limit("continuous", limits.continuousLimit(), limits);
    daily = new Limit("daily", limits.dailyLimit(), limits);
  }

  public void update(Instant t, boolean driving, List<Finding> out) {
    Duration step = last == null ? Duration.ZERO : Duration.between(last, t);
    if (step.isNegative()) {
      return;
    }
    last = t;
    if (t.isBefore(dayStart) || !t.isBefore(nextDayStart)) {
      // A new local day (computed once a day, not per fix: time zones are not cheap).
      LocalDate today = t.atZone(limits.zone()).toLocalDate();
      dayStart = today.atStartOfDay(limits.zone()).toInstant();
      nextDayStart = today.plusDays(1).atStartOfDay(limits.zone()).toInstant();
      daily.reset();
    }
    if (driving && step.compareTo(MAX_GAP) <= 0) {
      rest = Duration.ZERO;
      continuous.add(step, t, out);
      daily.add(step, t, out);
      return;
    }
    rest = rest.plus(step);
    if (rest.compareTo(limits.minRest()) >= 0) {
      continuous.reset();
    }
  }

  public Duration continuousDriving() {
    return continuous.driven;
  }

  public Duration dailyDriving() {
    return daily.driven;
  }

  /** One limit: driving time so far, pre-warned once, raised, repeated while driving on. */
  private static final class Limit {
    private final String name;
    private final Duration limit;
    private final Thresholds limits;
    private Duration driven = Duration.ZERO;
    private boolean preWarned;
    private Instant raisedAt;

    Limit(String name, Duration limit, Thresholds limits) {
      this.name = name;
      this.limit = limit;
      this.limits = limits;
    }

    void add(Duration step, Instant t, List<Finding> out) {
      driven = driven.plus(step);
      if (!preWarned && driven.compareTo(limit.minus(limits.preWarning())) >= 0) {
        preWarned = true;
        out.add(Finding.of(Hazard.FATIGUE_PREWARN, t, details()));
      }
      boolean due =
          raisedAt == null
              ? driven.compareTo(limit) >= 0
              : Duration.between(raisedAt, t).compareTo(limits.repeatEvery()) >= 0;
      if (due) {
        raisedAt = t;
        out.add(Finding.of(Hazard.FATIGUE, t, details()));
      }
    }

    void reset() {
      driven = Duration.ZERO;
      preWarned = false;
      raisedAt = null;
    }

    private Map<String, String> details() {
      return Map.of(
          "limit", name,
          "drivenMin", Long.toString(driven.toMinutes()),
          "limitMin", Long.toString(limit.toMinutes()));
    }
  }
}
