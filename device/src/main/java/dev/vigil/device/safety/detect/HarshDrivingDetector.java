package dev.vigil.device.safety.detect;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.Finding;
import dev.vigil.device.safety.Hazard;
import dev.vigil.device.safety.VehicleAcceleration;
import dev.vigil.device.safety.geo.LocalPlane;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Harsh braking, acceleration and cornering, and crash-level impacts (pure; time from the data).
 *
 * <p>With an IMU, vehicle-frame samples are compared with the IMU thresholds. Without one (no
 * sample for {@link #IMU_STALE}), consecutive fixes give the change of speed over about a second
 * and the lateral acceleration as speed times the rate of turn; a 1 Hz receiver averages a
 * manoeuvre over a second, which flattens its peak, so those thresholds are lower and the cornering
 * estimate is only trusted above {@code gnssMinCorneringSpeedMps}. A fix-to-fix change no car can
 * make ({@code gnssImplausibleMps2}) is a GNSS glitch and is counted, not reported.
 */
public final class HarshDrivingDetector {
  static final Duration IMU_STALE = Duration.ofSeconds(2);
  private static final Duration GNSS_MAX_GAP = Duration.ofMillis(2_500);

  /**
   * Fixes closer than this to the last one used are skipped: a 5 or 10 Hz receiver's speed noise
   * over 0.1 s would read as violent acceleration, so estimates are made about once a second.
   */
  static final Duration GNSS_MIN_GAP = Duration.ofMillis(800);

  static final int GNSS_MIN_SATELLITES = 4;

  /** A fix that moved less than this from the one before it is held (or standing). */
  static final double HELD_M = 0.5;

  /**
   * Defaults and their sources:
   *
   * <ul>
   *   <li>IMU braking and acceleration 4.4 m/s², cornering 5.5 m/s²: Digital Matter's default
   *       harsh-event log thresholds for its hard-wired trackers (G70, Dart3);
   *   <li>IMU minimum duration 200 ms: three consecutive samples at 10 Hz, so a single pothole jolt
   *       is not a manoeuvre;
   *   <li>GNSS braking and acceleration 3.1 m/s²: Verizon Connect's "moderate" hard braking, 11
   *       km/h lost within one second; GNSS cornering 4.0 m/s² (our choice: the IMU's 5.5 scaled
   *       for one-second averaging), trusted above 5 m/s; fixes with an HDOP over 5 skipped (a
   *       "moderate" rating or worse on the usual DOP scale);
   *   <li>crash 24.5 m/s² (2.5 g) horizontal: the top of the 1–2.5 g range fleet-tracker vendors
   *       give as standard crash thresholds (Positrace), well above any driving manoeuvre (a family
   *       car rarely exceeds 0.4 g);
   *   <li>severe factor 1.5: a manoeuvre half again over its threshold escalates at once.
   * </ul>
   */
  public record Thresholds(
      double imuBrakingMps2,
      double imuAccelerationMps2,
      double imuCorneringMps2,
      Duration imuMinDuration,
      double gnssBrakingMps2,
      double gnssAccelerationMps2,
      double gnssCorneringMps2,
      double gnssMinCorneringSpeedMps,
      double gnssImplausibleMps2,
      double gnssMaxHdop,
      double crashMps2,
      Duration crashHoldoff,
      double severeFactor) {
    public static Thresholds defaults() {
      return new Thresholds(
          4.4,
          4.4,
          5.5,
          Duration.ofMillis(200),
          3.1,
          3.1,
          4.0,
          5.0,
          12.0,
          5.0,
          24.5,
          Duration.ofSeconds(30),
          1.5);
    }
  }

  private final Thresholds limits;
  private final Episode imuBraking;
  private final Episode imuAcceleration;
  private final Episode imuCornering;
  private final Episode gnssBraking;
  private final Episode gnssAcceleration;
  private final Episode gnssCornering;
  // null = never. (Not Instant.MIN: Duration.between from it overflows, and the JDK throws and
  // catches an exception on every call.)
  private Instant lastSample;
  private Instant lastCrash;
  private final Median3 speed = new Median3();
  private final Median3 lateral = new Median3();
  private double previousMedianMps = Double.NaN;
  private GnssFix previous;
  private boolean previousHeld;
  private long gnssGlitches;

  public HarshDrivingDetector(Thresholds limits) {
    this.limits = limits;
    double f = limits.severeFactor();
    Duration imuMin = limits.imuMinDuration();
    imuBraking = new Episode(Hazard.HARSH_BRAKING, "imu", limits.imuBrakingMps2(), imuMin, f);
    imuAcceleration =
        new Episode(Hazard.HARSH_ACCELERATION, "imu", limits.imuAccelerationMps2(), imuMin, f);
    imuCornering = new Episode(Hazard.HARSH_CORNERING, "imu", limits.imuCorneringMps2(), imuMin, f);
    gnssBraking =
        new Episode(Hazard.HARSH_BRAKING, "gnss", limits.gnssBrakingMps2(), Duration.ZERO, f);
    gnssAcceleration =
        new Episode(
            Hazard.HARSH_ACCELERATION, "gnss", limits.gnssAccelerationMps2(), Duration.ZERO, f);
    gnssCornering =
        new Episode(Hazard.HARSH_CORNERING, "gnss", limits.gnssCorneringMps2(), Duration.ZERO, f);
  }

  public void onSample(VehicleAcceleration sample, List<Finding> out) {
    Instant t = sample.at();
    lastSample = t;
    double horizontal = sample.horizontalMps2();
    if (horizontal >= limits.crashMps2()
        && (lastCrash == null
            || Duration.between(lastCrash, t).compareTo(limits.crashHoldoff()) >= 0)) {
      lastCrash = t;
      out.add(new Finding(Hazard.CRASH, t, true, crashDetails(sample)));
    }
    imuBraking.update(t, -sample.longitudinalMps2(), out);
    imuAcceleration.update(t, sample.longitudinalMps2(), out);
    imuCornering.update(t, Math.abs(sample.lateralMps2()), out);
  }

  public void onFix(GnssFix fix, List<Finding> out) {
    if (!usable(fix)
        || imuFitted(fix.fixTime())
        || (previous != null
            && gap(previous, fix).compareTo(GNSS_MIN_GAP) < 0
            && !gap(previous, fix).isNegative())) {
      return;
    }
    GnssFix before = previous;
    previous = fix;
    Duration gap = before == null ? GNSS_MAX_GAP.plusSeconds(1) : gap(before, fix);
    boolean held = before != null && movedM(before, fix) < HELD_M;
    boolean released = previousHeld && !held;
    previousHeld = held;
    if (released || gap.isNegative() || gap.isZero() || gap.compareTo(GNSS_MAX_GAP) > 0) {
      speed.clear();
      lateral.clear();
      previousMedianMps = Double.NaN;
      speed.add(fix.speedMps());
      return;
    }
    double seconds = gap.toNanos() / 1e9;
    speed.add(fix.speedMps());
    lateral.add(lateralMps2(before, fix, seconds));
    if (!speed.full()) {
      return;
    }
    double medianMps = speed.median();
    double along = (medianMps - previousMedianMps) / seconds;
    previousMedianMps = medianMps;
    if (Double.isNaN(along)) {
      return;
    }
    double side = lateral.full() ? lateral.median() : 0;
    if (Math.abs(along) > limits.gnssImplausibleMps2()
        || Math.abs(side) > limits.gnssImplausibleMps2()) {
      gnssGlitches++;
      return;
    }
    gnssBraking.update(fix.fixTime(), -along, out);
    gnssAcceleration.update(fix.fixTime(), along, out);
    gnssCornering.update(fix.fixTime(), Math.abs(side), out);
  }

  private boolean usable(GnssFix fix) {
    return Double.isFinite(fix.speedMps())
        && (fix.satellites() < 0 || fix.satellites() >= GNSS_MIN_SATELLITES)
        && fix.hdop().orElse(0) <= limits.gnssMaxHdop();
  }

  private static double movedM(GnssFix a, GnssFix b) {
    return LocalPlane.distanceM(a.latDeg(), a.lonDeg(), b.latDeg(), b.lonDeg());
  }

  private static Duration gap(GnssFix a, GnssFix b) {
    return Duration.between(a.fixTime(), b.fixTime());
  }

  /** Whether IMU samples are arriving, so fixes are not used for manoeuvres. */
  public boolean imuFitted(Instant now) {
    return lastSample != null && Duration.between(lastSample, now).compareTo(IMU_STALE) <= 0;
  }

  /** Fix pairs dropped as GNSS glitches. */
  public long gnssGlitches() {
    return gnssGlitches;
  }

  private double lateralMps2(GnssFix a, GnssFix b, double seconds) {
    double meanSpeed = (a.speedMps() + b.speedMps()) / 2;
    if (a.courseDeg().isEmpty()
        || b.courseDeg().isEmpty()
        || !(meanSpeed >= limits.gnssMinCorneringSpeedMps())) {
      return 0;
    }
    double turnDeg = b.courseDeg().getAsDouble() - a.courseDeg().getAsDouble();
    turnDeg = ((turnDeg + 540) % 360) - 180;
    return meanSpeed * Math.toRadians(turnDeg) / seconds;
  }

  private static Map<String, String> crashDetails(VehicleAcceleration sample) {
    return Map.of(
        "accelerationMps2", String.format(Locale.ROOT, "%.2f", sample.horizontalMps2()),
        "longitudinalMps2", String.format(Locale.ROOT, "%.2f", sample.longitudinalMps2()),
        "lateralMps2", String.format(Locale.ROOT, "%.2f", sample.lateralMps2()),
        "source", "imu");
  }
}
