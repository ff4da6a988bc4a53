package dev.vigil.device.safety;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * "Nudge, then escalate" (pure; time from the findings). A {@link Hazard.Response#NUDGE} hazard is
 * an in-cab warning the first time; its repeats within {@code repeatWindow} become events from the
 * {@code eventAfter}-th and alarms from the {@code alarmAfter}-th; a severe case is an alarm at
 * once. Other hazards follow their fixed {@link Hazard.Response}.
 *
 * <p>Rate limits apply to warnings only (never to events or alarms): the same warning at most once
 * per {@code sameWarningGap}, any two warnings at least {@code warningGap} apart, except a crash. A
 * suppressed warning is counted.
 */
public final class EscalationPolicy {
  /**
   * Defaults (our choices): repeats counted over 10 min; the second occurrence is an event, the
   * third an alarm; the same warning at most once a minute, any warning at most every 10 s, so the
   * driver hears a few words, then quiet.
   */
  public record Settings(
      Duration repeatWindow,
      int eventAfter,
      int alarmAfter,
      Duration warningGap,
      Duration sameWarningGap) {
    public static Settings defaults() {
      return new Settings(
          Duration.ofMinutes(10), 2, 3, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }
  }

  /** What to do with one finding; {@code why} says which rule decided (for the report). */
  public record Decision(boolean warn, Optional<Report.Kind> report, String why) {}

  private final Settings settings;
  private final Map<Hazard, Deque<Instant>> recent = new EnumMap<>(Hazard.class);
  private final Map<Hazard, Instant> lastWarned = new EnumMap<>(Hazard.class);
  private Instant lastAnyWarning;
  private long suppressedWarnings;

  public EscalationPolicy(Settings settings) {
    this.settings = settings;
  }

  public Decision decide(Finding finding) {
    Hazard hazard = finding.hazard();
    return switch (hazard.response()) {
      case ADVISE -> new Decision(mayWarn(finding), Optional.empty(), "advice");
      case NUDGE -> nudge(finding);
      case WARN_AND_EVENT -> new Decision(mayWarn(finding), Optional.of(Report.Kind.EVENT), "rule");
      case WARN_AND_ALARM -> new Decision(mayWarn(finding), Optional.of(Report.Kind.ALARM), "rule");
      case ALARM -> new Decision(false, Optional.of(Report.Kind.ALARM), "rule");
      case EVENT -> new Decision(false, Optional.of(Report.Kind.EVENT), "rule");
    };
  }

  /** Warnings not given because of the rate limits. */
  public long suppressedWarnings() {
    return suppressedWarnings;
  }

  private Decision nudge(Finding finding) {
    Deque<Instant> times = recent.computeIfAbsent(finding.hazard(), h -> new ArrayDeque<>());
    Instant t = finding.at();
    while (!times.isEmpty() && Duration.between(times.peekFirst(), t).compareTo(window()) > 0) {
      times.removeFirst();
    }
    times.addLast(t);
    int count = times.size();
    boolean warn = mayWarn(finding);
    if (finding.severe()) {
      return new Decision(warn, Optional.of(Report.Kind.ALARM), "severe");
    }
    if (count >= settings.alarmAfter()) {
      return new Decision(warn, Optional.of(Report.Kind.ALARM), "repeat " + count);
    }
    if (count >= settings.eventAfter()) {
      return new Decision(warn, Optional.of(Report.Kind.EVENT), "repeat " + count);
    }
    return new Decision(warn, Optional.empty(), "first");
  }

  private Duration window() {
    return settings.repeatWindow();
  }

  private boolean mayWarn(Finding finding) {
    Instant t = finding.at();
    boolean urgent = finding.hazard() == Hazard.CRASH;
    Instant same = lastWarned.get(finding.hazard());
    boolean tooSoon =
        (same != null && Duration.between(same, t).compareTo(settings.sameWarningGap()) < 0)
            || (lastAnyWarning != null
                && Duration.between(lastAnyWarning, t).compareTo(settings.warningGap()) < 0);
    if (tooSoon && !urgent) {
      suppressedWarnings++;
      return false;
    }
    lastWarned.put(finding.hazard(), t);
    lastAnyWarning = t;
    return true;
  }
}
