package dev.vigil.protocol.alert;

import dev.vigil.protocol.pb.AlarmType;
import java.util.Objects;

/**
 * What happened. Most types come from a device alarm ({@link #fromAlarm}); {@link #DEVICE_OFFLINE}
 * is raised by the gateway itself.
 */
public enum AlertType {
  PANIC(Severity.CRITICAL),
  CRASH(Severity.CRITICAL),
  HARSH_BRAKING(Severity.MINOR),
  HARSH_ACCELERATION(Severity.MINOR),
  HARSH_CORNERING(Severity.MINOR),
  SPEEDING(Severity.MINOR),
  FATIGUE(Severity.WARNING),
  ROUTE_DEVIATION(Severity.MAJOR),
  ABNORMAL_STOP(Severity.MAJOR),
  TRIP_OVERDUE(Severity.MAJOR),
  TAMPER(Severity.MAJOR),
  DEVICE_OFFLINE(Severity.MAJOR);

  private final Severity defaultSeverity;

  AlertType(Severity defaultSeverity) {
    this.defaultSeverity = defaultSeverity;
  }

  /** The severity an alert of this type is raised with unless a rule says otherwise. */
  public Severity defaultSeverity() {
    return defaultSeverity;
  }

  /**
   * The alert type for a device alarm.
   *
   * @throws IllegalArgumentException for {@code ALARM_TYPE_UNSPECIFIED} and {@code UNRECOGNIZED} (a
   *     number this build does not know), which the gateway must not turn into an alert blindly
   */
  public static AlertType fromAlarm(AlarmType alarm) {
    Objects.requireNonNull(alarm, "alarm");
    return switch (alarm) {
      case PANIC -> PANIC;
      case CRASH -> CRASH;
      case HARSH_BRAKING -> HARSH_BRAKING;
      case HARSH_ACCELERATION -> HARSH_ACCELERATION;
      case HARSH_CORNERING -> HARSH_CORNERING;
      case SPEEDING -> SPEEDING;
      case FATIGUE -> FATIGUE;
      case ROUTE_DEVIATION -> ROUTE_DEVIATION;
      case ABNORMAL_STOP -> ABNORMAL_STOP;
      case TRIP_OVERDUE -> TRIP_OVERDUE;
      case TAMPER -> TAMPER;
      case ALARM_TYPE_UNSPECIFIED, UNRECOGNIZED ->
          throw new IllegalArgumentException("alarm type has no alert type: " + alarm);
    };
  }
}
