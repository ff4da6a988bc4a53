package dev.vigil.gateway.alerts;

import dev.vigil.gateway.store.Uplink;
import dev.vigil.protocol.alert.AlertPosition;
import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.alert.AlertType;
import dev.vigil.protocol.alert.ControlAlert;
import dev.vigil.protocol.pb.Alarm;
import dev.vigil.protocol.pb.Position;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a device alarm into the control-room alert (pure). The alert id is derived from the device
 * and the device's own alarm id, so an alarm resent after a reconnect or a device restart raises
 * the same alert, never a second one.
 */
public final class AlertFactory {
  private final Duration lateAfter;

  /**
   * @param lateAfter an alarm received this long after it was raised arrived through
   *     store-and-forward and is marked {@code late}; it is raised all the same
   */
  public AlertFactory(Duration lateAfter) {
    this.lateAfter = lateAfter;
  }

  public ControlAlert fromAlarm(Uplink.AlarmReport report) {
    Alarm alarm = report.alarm();
    Uplink.Origin origin = report.origin();
    AlertType type = AlertType.fromAlarm(alarm.getType());
    Instant raisedAt = Instant.ofEpochMilli(alarm.getRaisedAtMs());
    boolean late = Duration.between(raisedAt, origin.receivedAt()).compareTo(lateAfter) > 0;
    Map<String, Object> details = new LinkedHashMap<>(alarm.getDetailsMap());
    return new ControlAlert(
        alertId(origin.deviceId(), alarm.getAlarmId()),
        type,
        type.defaultSeverity(),
        AlertState.OPEN,
        origin.vehicleId(),
        origin.deviceId(),
        alarm.getTripId().isEmpty() ? null : alarm.getTripId(),
        raisedAt,
        origin.receivedAt(),
        late,
        alarm.hasPosition() ? position(alarm.getPosition()) : null,
        List.of(),
        details);
  }

  public static String alertId(String deviceId, String alarmId) {
    byte[] name = (deviceId + "\n" + alarmId).getBytes(StandardCharsets.UTF_8);
    return UUID.nameUUIDFromBytes(name).toString();
  }

  private static AlertPosition position(Position p) {
    return new AlertPosition(
        p.getLatDeg(),
        p.getLonDeg(),
        decimal(p.getSpeedMps()),
        decimal(p.getHeadingDeg()),
        Instant.ofEpochMilli(p.getFixTimeMs()));
  }

  /**
   * The decimal a float was written from (12.501f becomes 12.501, not 12.50100040435791); NaN, the
   * wire's "not reported", becomes null.
   */
  private static Double decimal(float value) {
    return Float.isNaN(value) ? null : Double.parseDouble(Float.toString(value));
  }
}
