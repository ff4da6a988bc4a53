package dev.vigil.device.safety;

import dev.vigil.device.link.WireMessages;
import dev.vigil.protocol.pb.Alarm;
import dev.vigil.protocol.pb.Event;

/** Reports to wire messages (pure): an alarm for {@code up/alarm}, an event for {@code up/evt}. */
public final class SafetyReports {
  private SafetyReports() {}

  /**
   * @throws IllegalArgumentException if the report is not an alarm of a hazard with an alarm type
   */
  public static Alarm alarm(Report report) {
    if (report.kind() != Report.Kind.ALARM || report.hazard().alarmType().isEmpty()) {
      throw new IllegalArgumentException("not an alarm: " + report.hazard() + " " + report.kind());
    }
    Alarm.Builder alarm =
        Alarm.newBuilder()
            .setAlarmId(report.id())
            .setType(report.hazard().alarmType().get())
            .setRaisedAtMs(report.at().toEpochMilli())
            .setTripId(report.tripId())
            .putAllDetails(report.details());
    report.position().ifPresent(fix -> alarm.setPosition(WireMessages.position(fix)));
    return alarm.build();
  }

  /**
   * An event; its type is the hazard's name (e.g. {@code HARSH_BRAKING}, {@code NIGHT_DRIVING}).
   */
  public static Event event(Report report) {
    Event.Builder event =
        Event.newBuilder()
            .setType(report.hazard().name())
            .setAtMs(report.at().toEpochMilli())
            .setTripId(report.tripId())
            .putAllDetails(report.details())
            .putDetails("reportId", report.id());
    report.position().ifPresent(fix -> event.setPosition(WireMessages.position(fix)));
    return event.build();
  }
}
