package dev.vigil.device.safety.detect;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.Finding;
import dev.vigil.device.safety.Hazard;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Speed against the lowest limit that applies here: the vehicle's own and any zone the fix is in
 * (pure; time from the fixes). A speed must stay over a threshold for {@code minDuration} before
 * anything is raised, so one noisy fix never warns; an episode ends only when the speed drops
 * {@code hysteresisKmh} below where it started, so hovering at the limit raises it once.
 */
public final class SpeedingDetector {
  /**
   * @param vehicleLimitKmh 120: the expressway maximum in China (Road Traffic Safety Law
   *     Implementing Regulations, Art. 78); set it per vehicle class
   * @param preWarnMarginKmh warn this far below the limit (5 km/h: a driver's cue to ease off)
   * @param hysteresisKmh 3 km/h: above the speed jitter of a moving receiver (a few tenths of a
   *     m/s), below any deliberate change of speed
   * @param minDuration 3 s: three 1 Hz fixes in a row, so one outlier never counts
   * @param severeOverKmh over the limit by this much is escalated at once (20 km/h)
   */
  public record Thresholds(
      double vehicleLimitKmh,
      double preWarnMarginKmh,
      double hysteresisKmh,
      Duration minDuration,
      double severeOverKmh,
      List<SpeedZone> zones) {
    public Thresholds {
      zones = List.copyOf(zones);
    }

    public static Thresholds defaults() {
      return new Thresholds(120, 5, 3, Duration.ofSeconds(3), 20, List.of());
    }
  }

  private enum State {
    NORMAL,
    NEAR,
    OVER
  }

  private final Thresholds limits;
  private State state = State.NORMAL;
  private Instant overSince;
  private Instant nearSince;
  private boolean severeRaised;

  public SpeedingDetector(Thresholds limits) {
    this.limits = limits;
  }

  public void onFix(GnssFix fix, List<Finding> out) {
    if (!Double.isFinite(fix.speedMps())) {
      return;
    }
    double kmh = fix.speedMps() * 3.6;
    double limit = limits.vehicleLimitKmh();
    String zone = "";
    for (SpeedZone candidate : limits.zones()) {
      if (candidate.limitKmh() < limit && candidate.area().contains(fix.latDeg(), fix.lonDeg())) {
        limit = candidate.limitKmh();
        zone = candidate.name();
      }
    }
    Instant t = fix.fixTime();
    overSince = kmh > limit ? (overSince == null ? t : overSince) : null;
    double near = limit - limits.preWarnMarginKmh();
    nearSince = kmh > near ? (nearSince == null ? t : nearSince) : null;
    relax(kmh, limit, near);
    raise(t, kmh, limit, zone, out);
  }

  private void relax(double kmh, double limit, double near) {
    if (state == State.OVER && kmh < limit - limits.hysteresisKmh()) {
      state = kmh > near ? State.NEAR : State.NORMAL;
      severeRaised = false;
    }
    if (state == State.NEAR && kmh < near - limits.hysteresisKmh()) {
      state = State.NORMAL;
    }
  }

  private void raise(Instant t, double kmh, double limit, String zone, List<Finding> out) {
    boolean severe = kmh >= limit + limits.severeOverKmh();
    if (lasted(overSince, t) && (state != State.OVER || (severe && !severeRaised))) {
      state = State.OVER;
      severeRaised = severe;
      out.add(new Finding(Hazard.SPEEDING, t, severe, details(kmh, limit, zone)));
    } else if (state == State.NORMAL && lasted(nearSince, t)) {
      state = State.NEAR;
      out.add(Finding.of(Hazard.SPEEDING_PREWARN, t, details(kmh, limit, zone)));
    }
  }

  private boolean lasted(Instant since, Instant t) {
    return since != null && Duration.between(since, t).compareTo(limits.minDuration()) >= 0;
  }

  private static Map<String, String> details(double kmh, double limit, String zone) {
    return Map.of(
        "speedKmh", String.format(Locale.ROOT, "%.1f", kmh),
        "limitKmh", String.format(Locale.ROOT, "%.0f", limit),
        "zone", zone);
  }
}
