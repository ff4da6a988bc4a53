package dev.vigil.device.safety.detect;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.geo.LocalPlane;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the vehicle is standing still, and the stops it made (pure; time from the fixes).
 *
 * <p>A stop starts at the first fix slower than {@code stopSpeedMps} and lasts while fixes stay
 * slower than {@code moveSpeedMps} and within {@code radiusM} of where it started: the two speeds
 * give hysteresis against the speed noise of a standing receiver (up to about 1 m/s at a high HDOP
 * in the Munich drive), the radius catches a vehicle creeping off below the speed threshold. When a
 * receiver reports no speed, the speed is derived from the previous fix.
 */
public final class StopTracker {
  /**
   * @param stopSpeedMps below this a vehicle counts as standing (1.0 m/s = 3.6 km/h, walking pace)
   * @param moveSpeedMps at or above this it moves again
   * @param radiusM it moves again once this far from where it stopped
   */
  public record Thresholds(double stopSpeedMps, double moveSpeedMps, double radiusM) {
    public static Thresholds defaults() {
      return new Thresholds(1.0, 1.5, 30);
    }
  }

  /** A finished stop: {@code end} is the last fix still standing. */
  public record Stop(Instant start, Instant end, double latDeg, double lonDeg) {
    public Duration duration() {
      return Duration.between(start, end);
    }
  }

  private final Thresholds limits;
  private GnssFix previous;
  private GnssFix stopStart;
  private GnssFix lastStanding;

  public StopTracker(Thresholds limits) {
    this.limits = limits;
  }

  /** Feeds one fix; returns the stop it ended, if any. */
  public Optional<Stop> onFix(GnssFix fix) {
    double speed = speedMps(fix);
    previous = fix;
    if (stopStart == null) {
      if (speed < limits.stopSpeedMps()) {
        stopStart = fix;
        lastStanding = fix;
      }
      return Optional.empty();
    }
    if (speed < limits.moveSpeedMps() && distanceFromStart(fix) <= limits.radiusM()) {
      lastStanding = fix;
      return Optional.empty();
    }
    Stop ended =
        new Stop(
            stopStart.fixTime(), lastStanding.fixTime(), stopStart.latDeg(), stopStart.lonDeg());
    stopStart = null;
    return Optional.of(ended);
  }

  public boolean stopped() {
    return stopStart != null;
  }

  /** How long the current stop has lasted at {@code now}; zero when moving. */
  public Duration stoppedFor(Instant now) {
    return stopStart == null ? Duration.ZERO : Duration.between(stopStart.fixTime(), now);
  }

  /** Where the current stop started; empty when moving. */
  public Optional<GnssFix> stopFix() {
    return Optional.ofNullable(stopStart);
  }

  private double speedMps(GnssFix fix) {
    if (Double.isFinite(fix.speedMps())) {
      return fix.speedMps();
    }
    if (previous == null) {
      return 0;
    }
    double seconds = Duration.between(previous.fixTime(), fix.fixTime()).toMillis() / 1000.0;
    double metres =
        LocalPlane.distanceM(previous.latDeg(), previous.lonDeg(), fix.latDeg(), fix.lonDeg());
    return seconds > 0 ? metres / seconds : 0;
  }

  private double distanceFromStart(GnssFix fix) {
    return LocalPlane.distanceM(stopStart.latDeg(), stopStart.lonDeg(), fix.latDeg(), fix.lonDeg());
  }
}
