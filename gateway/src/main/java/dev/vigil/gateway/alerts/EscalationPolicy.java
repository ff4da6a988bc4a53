package dev.vigil.gateway.alerts;

import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.alert.ControlAlert;
import dev.vigil.protocol.alert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When an alert nobody has acknowledged passes up the chain: for each severity, a list of deadlines
 * counted from when the gateway received the alarm (never from the device's clock, so a late alarm
 * gets its full time). Passing the first deadline makes the alert ESCALATED, level 1; each further
 * deadline raises the level. An empty list never escalates.
 */
public record EscalationPolicy(Map<Severity, List<Duration>> deadlines) {
  public EscalationPolicy {
    Map<Severity, List<Duration>> copy = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      List<Duration> levels = List.copyOf(deadlines.getOrDefault(severity, List.of()));
      for (int i = 1; i < levels.size(); i++) {
        if (levels.get(i).compareTo(levels.get(i - 1)) <= 0) {
          throw new IllegalArgumentException(severity + " deadlines must increase: " + levels);
        }
      }
      copy.put(severity, levels);
    }
    deadlines = Map.copyOf(copy);
  }

  /**
   * The defaults (README, "For the control room"): a panic or crash needs a person within a minute,
   * and a supervisor a minute later; a route deviation or abnormal stop may be a kidnapping, so
   * five minutes, then fifteen; harsh driving and speeding are for the shift's review, fifteen
   * minutes; a warning (fatigue) an hour.
   */
  public static EscalationPolicy defaults() {
    return new EscalationPolicy(
        Map.of(
            Severity.CRITICAL, List.of(Duration.ofSeconds(60), Duration.ofSeconds(120)),
            Severity.MAJOR, List.of(Duration.ofMinutes(5), Duration.ofMinutes(15)),
            Severity.MINOR, List.of(Duration.ofMinutes(15)),
            Severity.WARNING, List.of(Duration.ofHours(1))));
  }

  /** When the alert escalates next, or empty when it never will (taken, closed, last level). */
  public Optional<Instant> nextAt(ControlAlert alert) {
    if (alert.state() != AlertState.OPEN && alert.state() != AlertState.ESCALATED) {
      return Optional.empty();
    }
    List<Duration> levels = deadlines.get(alert.severity());
    int level = alert.progress().escalationLevel();
    return level < levels.size()
        ? Optional.of(alert.receivedAt().plus(levels.get(level)))
        : Optional.empty();
  }
}
