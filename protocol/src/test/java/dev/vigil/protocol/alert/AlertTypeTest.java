package dev.vigil.protocol.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.protocol.pb.AlarmType;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertTypeTest {

  @Test
  void defaultSeveritiesFollowTheContract() {
    assertEquals(Severity.CRITICAL, AlertType.PANIC.defaultSeverity());
    assertEquals(Severity.CRITICAL, AlertType.CRASH.defaultSeverity());
    for (AlertType major :
        EnumSet.of(
            AlertType.ROUTE_DEVIATION,
            AlertType.ABNORMAL_STOP,
            AlertType.TRIP_OVERDUE,
            AlertType.TAMPER,
            AlertType.DEVICE_OFFLINE)) {
      assertEquals(Severity.MAJOR, major.defaultSeverity(), major.name());
    }
    for (AlertType minor :
        EnumSet.of(
            AlertType.HARSH_BRAKING,
            AlertType.HARSH_ACCELERATION,
            AlertType.HARSH_CORNERING,
            AlertType.SPEEDING)) {
      assertEquals(Severity.MINOR, minor.defaultSeverity(), minor.name());
    }
    assertEquals(Severity.WARNING, AlertType.FATIGUE.defaultSeverity());
  }

  @Test
  void everyDeviceAlarmMapsToTheAlertOfTheSameName() {
    Set<AlarmType> invalid = EnumSet.of(AlarmType.ALARM_TYPE_UNSPECIFIED, AlarmType.UNRECOGNIZED);
    for (AlarmType alarm : AlarmType.values()) {
      if (!invalid.contains(alarm)) {
        assertEquals(alarm.name(), AlertType.fromAlarm(alarm).name());
      }
    }
  }

  @Test
  void unspecifiedAndUnrecognisedAlarmsAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> AlertType.fromAlarm(AlarmType.ALARM_TYPE_UNSPECIFIED));
    assertThrows(IllegalArgumentException.class, () -> AlertType.fromAlarm(AlarmType.UNRECOGNIZED));
  }

  @Test
  void severityTopicSegmentsAreLowerCase() {
    assertEquals("critical", Severity.CRITICAL.topicSegment());
    assertEquals("warning", Severity.WARNING.topicSegment());
  }
}
