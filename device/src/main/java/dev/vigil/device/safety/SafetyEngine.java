package dev.vigil.device.safety;

import dev.vigil.device.gps.FixMode;
import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.detect.AbnormalStopDetector;
import dev.vigil.device.safety.detect.FatigueDetector;
import dev.vigil.device.safety.detect.HarshDrivingDetector;
import dev.vigil.device.safety.detect.NightDetector;
import dev.vigil.device.safety.detect.OverdueDetector;
import dev.vigil.device.safety.detect.RouteDeviationDetector;
import dev.vigil.device.safety.detect.SpeedingDetector;
import dev.vigil.device.safety.detect.StopTracker;
import dev.vigil.device.safety.detect.TamperDetector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All detectors in one explicit, ordered pipeline, then the {@link EscalationPolicy}, then the
 * outputs. Inputs carry their own time (fix time, sample time, tick time); nothing here reads a
 * clock. Methods are synchronized: GNSS, IMU, button and the ticker call from their own threads.
 *
 * <p>Order per fix: tamper (a good fix clears GNSS loss), stops, speeding, harsh driving (from GNSS
 * when no IMU), route deviation, then the time-based detectors (fatigue, night, abnormal stop,
 * overdue). A tick drives the time-based detectors and tamper when fixes have stopped.
 *
 * <p>An ignition state never reported counts as on: the box is powered from the ignition line.
 */
public final class SafetyEngine {
  /** Fixes older than this at a tick are stale: the tick drives the time-based detectors. */
  static final Duration FIX_STALE = Duration.ofSeconds(2);

  private final StopTracker stops;
  private final SpeedingDetector speeding;
  private final HarshDrivingDetector harsh;
  private final FatigueDetector fatigue;
  private final NightDetector night;
  private final RouteDeviationDetector route;
  private final AbnormalStopDetector abnormalStop;
  private final OverdueDetector overdue;
  private final TamperDetector tamper;
  private final EscalationPolicy policy;
  private final WarningOutput warnings;
  private final ReportOutput reports;
  private final String bootId;
  private final List<Finding> found = new ArrayList<>(4);
  private final Map<Hazard, Long> findings = new EnumMap<>(Hazard.class);
  private TripPlan trip;
  private GnssFix lastFix;
  private Boolean ignition;
  private long reportCount;

  /**
   * @param bootId distinguishes this run's report ids from earlier runs' (e.g. start time, base 36)
   */
  public SafetyEngine(
      SafetyConfig config, WarningOutput warnings, ReportOutput reports, String bootId) {
    stops = new StopTracker(config.stops());
    speeding = new SpeedingDetector(config.speeding());
    harsh = new HarshDrivingDetector(config.harsh());
    fatigue = new FatigueDetector(config.fatigue());
    night = new NightDetector(config.night());
    route = new RouteDeviationDetector(config.route());
    abnormalStop = new AbnormalStopDetector(config.abnormalStop());
    overdue = new OverdueDetector(config.overdue());
    tamper = new TamperDetector(config.tamper());
    policy = new EscalationPolicy(config.policy());
    this.warnings = warnings;
    this.reports = reports;
    this.bootId = bootId;
  }

  public synchronized void onFix(GnssFix fix) {
    if (fix.mode() == FixMode.NONE
        || (lastFix != null && !fix.fixTime().isAfter(lastFix.fixTime()))) {
      return;
    }
    lastFix = fix;
    Instant t = fix.fixTime();
    tamper.onFix(fix);
    stops.onFix(fix);
    speeding.onFix(fix, found);
    harsh.onFix(fix, found);
    route.onFix(fix, trip, found);
    timeBased(t, fix, driving());
    dispatch();
  }

  public synchronized void onAcceleration(VehicleAcceleration sample) {
    harsh.onSample(sample, found);
    dispatch();
  }

  /** Time passes without a fix (call about once a second from the agent's clock). */
  public synchronized void onTick(Instant now) {
    tamper.update(now, ignitionOn(), found);
    if (lastFix == null || Duration.between(lastFix.fixTime(), now).compareTo(FIX_STALE) > 0) {
      // No fresh fix: still driving only if the ignition is on and the vehicle was moving (a
      // tunnel), so a long GNSS outage on the move is not taken for a rest.
      timeBased(now, null, ignitionOn() && lastFix != null && !stops.stopped());
    }
    dispatch();
  }

  public synchronized void onIgnition(boolean on, Instant at) {
    ignition = on;
    fatigue.update(at, on && driving(), found);
    dispatch();
  }

  public synchronized void onButtonFault(String fault, Instant at) {
    tamper.onButtonFault(at, fault, found);
    dispatch();
  }

  public synchronized void onPowerCut(Instant at) {
    tamper.onPowerCut(at, found);
    dispatch();
  }

  /** A trip starts (or is replaced); night policy applies from this moment. */
  public synchronized void startTrip(TripPlan plan, Instant at) {
    trip = plan;
    night.update(at, driving(), plan.tripId(), true, found);
    dispatch();
  }

  public synchronized void endTrip() {
    trip = null;
  }

  /** The current trip's id, "" outside a trip: it travels with every alarm and event. */
  public synchronized String tripId() {
    return trip == null ? "" : trip.tripId();
  }

  public synchronized Optional<GnssFix> lastFix() {
    return Optional.ofNullable(lastFix);
  }

  /** Findings so far by hazard, whatever the policy made of them. */
  public synchronized Map<Hazard, Long> findings() {
    return Map.copyOf(findings);
  }

  public synchronized long suppressedWarnings() {
    return policy.suppressedWarnings();
  }

  private void timeBased(Instant t, GnssFix fix, boolean driving) {
    fatigue.update(t, driving, found);
    night.update(t, driving, tripId(), false, found);
    abnormalStop.update(t, stops, trip, found);
    overdue.update(t, stops, trip, found);
  }

  private boolean ignitionOn() {
    return !Boolean.FALSE.equals(ignition);
  }

  private boolean driving() {
    return ignitionOn() && lastFix != null && !stops.stopped();
  }

  private void dispatch() {
    for (int i = 0; i < found.size(); i++) {
      Finding finding = found.get(i);
      findings.merge(finding.hazard(), 1L, Long::sum);
      EscalationPolicy.Decision decision = policy.decide(finding);
      if (decision.warn()) {
        warnings.warn(
            new DriverWarning(finding.hazard(), finding.at(), finding.severe(), finding.details()));
      }
      decision.report().ifPresent(kind -> reports.report(report(kind, finding, decision.why())));
    }
    found.clear();
  }

  private Report report(Report.Kind kind, Finding finding, String why) {
    reportCount++;
    String id =
        finding.hazard().name().toLowerCase(java.util.Locale.ROOT)
            + "-"
            + bootId
            + "-"
            + reportCount;
    Map<String, String> details = new java.util.HashMap<>(finding.details());
    details.put("escalation", why);
    return new Report(
        kind, id, finding.hazard(), finding.at(), Optional.ofNullable(lastFix), tripId(), details);
  }
}
