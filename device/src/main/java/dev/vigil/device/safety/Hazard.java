package dev.vigil.device.safety;

import dev.vigil.protocol.pb.AlarmType;
import java.util.Optional;

/**
 * Everything a detector can find, with how the {@link EscalationPolicy} answers it. The event type
 * on {@code up/evt} is the constant's name; the alarm type on {@code up/alarm} is {@link
 * #alarmType}.
 */
public enum Hazard {
  SPEEDING_PREWARN(Response.ADVISE, null),
  SPEEDING(Response.NUDGE, AlarmType.SPEEDING),
  HARSH_BRAKING(Response.NUDGE, AlarmType.HARSH_BRAKING),
  HARSH_ACCELERATION(Response.NUDGE, AlarmType.HARSH_ACCELERATION),
  HARSH_CORNERING(Response.NUDGE, AlarmType.HARSH_CORNERING),
  CRASH(Response.WARN_AND_ALARM, AlarmType.CRASH),
  FATIGUE_PREWARN(Response.ADVISE, null),
  FATIGUE(Response.WARN_AND_ALARM, AlarmType.FATIGUE),
  NIGHT_DRIVING(Response.WARN_AND_EVENT, null),
  ROUTE_DEVIATION(Response.WARN_AND_ALARM, AlarmType.ROUTE_DEVIATION),
  ROUTE_RETURNED(Response.EVENT, null),
  ABNORMAL_STOP(Response.WARN_AND_ALARM, AlarmType.ABNORMAL_STOP),
  TRIP_OVERDUE(Response.ALARM, AlarmType.TRIP_OVERDUE),
  TAMPER(Response.ALARM, AlarmType.TAMPER);

  /** How a finding of this kind reaches the driver and the control room. */
  public enum Response {
    /** In-cab warning only; never leaves the vehicle. */
    ADVISE,
    /** Nudge, then escalate: warning first; repeats become events, then alarms; severe: alarm. */
    NUDGE,
    /** In-cab warning and an event for the control room. */
    WARN_AND_EVENT,
    /** In-cab warning and an alarm. */
    WARN_AND_ALARM,
    /** An alarm, not announced in the cab (the driver may be the threat, or not able to act). */
    ALARM,
    /** An event, not announced in the cab. */
    EVENT
  }

  private final Response response;
  private final AlarmType alarmType;

  Hazard(Response response, AlarmType alarmType) {
    this.response = response;
    this.alarmType = alarmType;
  }

  public Response response() {
    return response;
  }

  public Optional<AlarmType> alarmType() {
    return Optional.ofNullable(alarmType);
  }
}
