package dev.vigil.protocol.alert;

import dev.vigil.protocol.pb.AlarmType;

/** What happened. Each type has the severity it is raised with unless a rule says otherwise. */
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

  public Severity defaultSeverity() {
    return defaultSeverity;
  }

  /** The alert type for a device alarm; the wire's unspecified or unknown types are refused. */
  public static AlertType fromAlarm(AlarmType type) {
    return switch (type) {
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
          throw new IllegalArgumentException("alarm type " + type + " has no alert type");
    };
  }
}
