package dev.vigil.device.safety;

import dev.vigil.device.safety.detect.AbnormalStopDetector;
import dev.vigil.device.safety.detect.FatigueDetector;
import dev.vigil.device.safety.detect.HarshDrivingDetector;
import dev.vigil.device.safety.detect.NightDetector;
import dev.vigil.device.safety.detect.OverdueDetector;
import dev.vigil.device.safety.detect.RouteDeviationDetector;
import dev.vigil.device.safety.detect.SpeedZone;
import dev.vigil.device.safety.detect.SpeedingDetector;
import dev.vigil.device.safety.detect.StopTracker;
import dev.vigil.device.safety.detect.TamperDetector;
import dev.vigil.device.safety.geo.Polygon;
import dev.vigil.protocol.settings.Settings;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code safety.*} keys (documented in {@code config/device.properties}) into a {@link
 * SafetyConfig}; a bad value names its key. Defaults are the detectors' own.
 */
public final class SafetySettings {
  private SafetySettings() {}

  public static SafetyConfig from(Settings s) {
    ZoneId zone = zone(s);
    SafetyConfig d = SafetyConfig.defaults(zone);
    return new SafetyConfig(
        stops(s, d.stops()),
        speeding(s, d.speeding()),
        harsh(s, d.harsh()),
        fatigue(s, d.fatigue()),
        night(s, zone),
        route(s, d.route()),
        new AbnormalStopDetector.Thresholds(
            seconds(s, "safety.abnormal-stop.after-s", d.abnormalStop().maxStop()),
            s.decimal(
                "safety.abnormal-stop.place-radius-m",
                d.abnormalStop().defaultPlaceRadiusM(),
                1,
                100_000)),
        new OverdueDetector.Thresholds(minutes(s, "safety.overdue.grace-min", d.overdue().grace())),
        new TamperDetector.Thresholds(
            seconds(s, "safety.tamper.gnss-lost-s", d.tamper().gnssLostAfter()),
            d.tamper().faultRepeat()),
        policy(s, d.policy()));
  }

  private static ZoneId zone(Settings s) {
    String raw = s.string("safety.time-zone", "system");
    try {
      return raw.equals("system") ? ZoneId.systemDefault() : ZoneId.of(raw);
    } catch (DateTimeException e) {
      throw s.bad("safety.time-zone", raw, "is not a time zone (e.g. Asia/Shanghai, or system)");
    }
  }

  private static StopTracker.Thresholds stops(Settings s, StopTracker.Thresholds d) {
    double stop = s.decimal("safety.stop.speed-mps", d.stopSpeedMps(), 0.1, 10);
    double move = s.decimal("safety.stop.move-speed-mps", d.moveSpeedMps(), 0.1, 20);
    if (move < stop) {
      throw s.bad("safety.stop.move-speed-mps", Double.toString(move), "must be >= stop speed");
    }
    return new StopTracker.Thresholds(
        stop, move, s.decimal("safety.stop.radius-m", d.radiusM(), 1, 1_000));
  }

  private static SpeedingDetector.Thresholds speeding(Settings s, SpeedingDetector.Thresholds d) {
    return new SpeedingDetector.Thresholds(
        s.decimal("safety.speeding.vehicle-limit-kmh", d.vehicleLimitKmh(), 5, 300),
        s.decimal("safety.speeding.prewarn-margin-kmh", d.preWarnMarginKmh(), 0, 50),
        s.decimal("safety.speeding.hysteresis-kmh", d.hysteresisKmh(), 0, 50),
        seconds(s, "safety.speeding.min-duration-s", d.minDuration()),
        s.decimal("safety.speeding.severe-over-kmh", d.severeOverKmh(), 1, 200),
        zones(s, "safety.speeding.zones"));
  }

  /** {@code name:limitKmh:lat lon,lat lon,lat lon[;...]}: one polygon per zone. */
  static List<SpeedZone> zones(Settings s, String key) {
    List<SpeedZone> zones = new ArrayList<>();
    String raw = s.string(key, "");
    for (String zone : raw.isBlank() ? new String[0] : raw.split(";")) {
      String[] parts = zone.trim().split(":");
      try {
        List<double[]> corners = new ArrayList<>();
        for (String corner : parts[2].split(",")) {
          String[] latLon = corner.trim().split("\\s+");
          corners.add(new double[] {Double.parseDouble(latLon[0]), Double.parseDouble(latLon[1])});
        }
        zones.add(new SpeedZone(parts[0], new Polygon(corners), Double.parseDouble(parts[1])));
      } catch (RuntimeException e) {
        throw s.bad(key, zone, "must be name:limitKmh:lat lon,lat lon,lat lon (zones split by ;)");
      }
    }
    return zones;
  }

  private static HarshDrivingDetector.Thresholds harsh(
      Settings s, HarshDrivingDetector.Thresholds d) {
    return new HarshDrivingDetector.Thresholds(
        mps2(s, "safety.harsh.imu.braking-mps2", d.imuBrakingMps2()),
        mps2(s, "safety.harsh.imu.acceleration-mps2", d.imuAccelerationMps2()),
        mps2(s, "safety.harsh.imu.cornering-mps2", d.imuCorneringMps2()),
        Duration.ofMillis(
            s.longValue(
                "safety.harsh.imu.min-duration-ms", d.imuMinDuration().toMillis(), 0, 5000)),
        mps2(s, "safety.harsh.gnss.braking-mps2", d.gnssBrakingMps2()),
        mps2(s, "safety.harsh.gnss.acceleration-mps2", d.gnssAccelerationMps2()),
        mps2(s, "safety.harsh.gnss.cornering-mps2", d.gnssCorneringMps2()),
        d.gnssMinCorneringSpeedMps(),
        d.gnssImplausibleMps2(),
        s.decimal("safety.harsh.gnss.max-hdop", d.gnssMaxHdop(), 0.5, 99),
        s.decimal("safety.crash.threshold-mps2", d.crashMps2(), 5, 500),
        d.crashHoldoff(),
        s.decimal("safety.harsh.severe-factor", d.severeFactor(), 1, 10));
  }

  private static FatigueDetector.Thresholds fatigue(Settings s, FatigueDetector.Thresholds d) {
    Duration continuous = minutes(s, "safety.fatigue.continuous-limit-min", d.continuousLimit());
    Duration preWarning = minutes(s, "safety.fatigue.prewarning-min", d.preWarning());
    if (preWarning.compareTo(continuous) >= 0) {
      throw s.bad(
          "safety.fatigue.prewarning-min",
          Long.toString(preWarning.toMinutes()),
          "must be shorter than safety.fatigue.continuous-limit-min");
    }
    return new FatigueDetector.Thresholds(
        continuous,
        minutes(s, "safety.fatigue.min-rest-min", d.minRest()),
        minutes(s, "safety.fatigue.daily-limit-min", d.dailyLimit()),
        preWarning,
        minutes(s, "safety.fatigue.repeat-min", d.repeatEvery()),
        d.zone());
  }

  private static NightDetector.Thresholds night(Settings s, ZoneId zone) {
    String raw = s.string("safety.night.window", "22:00-06:00");
    if (raw.equals("off")) {
      return new NightDetector.Thresholds(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, zone, false);
    }
    String[] ends = raw.split("-");
    try {
      LocalTime start = LocalTime.parse(ends[0].trim());
      LocalTime end = LocalTime.parse(ends[1].trim());
      if (ends.length != 2 || start.equals(end)) {
        throw new IllegalArgumentException("empty window");
      }
      return new NightDetector.Thresholds(start, end, zone, true);
    } catch (DateTimeParseException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw s.bad("safety.night.window", raw, "must be HH:MM-HH:MM (local time) or off");
    }
  }

  private static RouteDeviationDetector.Thresholds route(
      Settings s, RouteDeviationDetector.Thresholds d) {
    return new RouteDeviationDetector.Thresholds(
        s.decimal("safety.route.corridor-m", d.defaultCorridorM(), 5, 10_000),
        seconds(s, "safety.route.off-route-s", d.minOffTime()),
        s.decimal("safety.route.off-route-m", d.minOffDistanceM(), 0, 100_000),
        seconds(s, "safety.route.return-s", d.returnTime()));
  }

  private static EscalationPolicy.Settings policy(Settings s, EscalationPolicy.Settings d) {
    int eventAfter = s.integer("safety.policy.event-after", d.eventAfter(), 2, 100);
    int alarmAfter = s.integer("safety.policy.alarm-after", d.alarmAfter(), 2, 100);
    if (alarmAfter < eventAfter) {
      throw s.bad(
          "safety.policy.alarm-after",
          Integer.toString(alarmAfter),
          "must be >= safety.policy.event-after");
    }
    return new EscalationPolicy.Settings(
        minutes(s, "safety.policy.repeat-window-min", d.repeatWindow()),
        eventAfter,
        alarmAfter,
        seconds(s, "safety.policy.warning-gap-s", d.warningGap()),
        seconds(s, "safety.policy.same-warning-gap-s", d.sameWarningGap()));
  }

  private static double mps2(Settings s, String key, double fallback) {
    return s.decimal(key, fallback, 0.5, 100);
  }

  private static Duration seconds(Settings s, String key, Duration fallback) {
    return Duration.ofSeconds(s.longValue(key, fallback.toSeconds(), 0, 86_400));
  }

  private static Duration minutes(Settings s, String key, Duration fallback) {
    return Duration.ofMinutes(s.longValue(key, fallback.toMinutes(), 1, 10_080));
  }
}
