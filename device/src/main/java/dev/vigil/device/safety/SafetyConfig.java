package dev.vigil.device.safety;

import dev.vigil.device.safety.detect.AbnormalStopDetector;
import dev.vigil.device.safety.detect.FatigueDetector;
import dev.vigil.device.safety.detect.HarshDrivingDetector;
import dev.vigil.device.safety.detect.NightDetector;
import dev.vigil.device.safety.detect.OverdueDetector;
import dev.vigil.device.safety.detect.RouteDeviationDetector;
import dev.vigil.device.safety.detect.SpeedingDetector;
import dev.vigil.device.safety.detect.StopTracker;
import dev.vigil.device.safety.detect.TamperDetector;
import java.time.ZoneId;

/**
 * Every threshold of the safety engine, one record per detector (each documents its defaults and
 * their sources). Read from {@code safety.*} keys by {@link SafetySettings}.
 */
public record SafetyConfig(
    StopTracker.Thresholds stops,
    SpeedingDetector.Thresholds speeding,
    HarshDrivingDetector.Thresholds harsh,
    FatigueDetector.Thresholds fatigue,
    NightDetector.Thresholds night,
    RouteDeviationDetector.Thresholds route,
    AbnormalStopDetector.Thresholds abnormalStop,
    OverdueDetector.Thresholds overdue,
    TamperDetector.Thresholds tamper,
    EscalationPolicy.Settings policy) {

  public static SafetyConfig defaults(ZoneId zone) {
    return new SafetyConfig(
        StopTracker.Thresholds.defaults(),
        SpeedingDetector.Thresholds.defaults(),
        HarshDrivingDetector.Thresholds.defaults(),
        FatigueDetector.Thresholds.defaults(zone),
        NightDetector.Thresholds.defaults(zone),
        RouteDeviationDetector.Thresholds.defaults(),
        AbnormalStopDetector.Thresholds.defaults(),
        OverdueDetector.Thresholds.defaults(),
        TamperDetector.Thresholds.defaults(),
        EscalationPolicy.Settings.defaults());
  }
}
