package dev.vigil.gateway.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.store.Uplink;
import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.alert.AlertType;
import dev.vigil.protocol.alert.ControlAlert;
import dev.vigil.protocol.alert.Severity;
import dev.vigil.protocol.pb.Alarm;
import dev.vigil.protocol.pb.AlarmType;
import dev.vigil.protocol.pb.Position;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertFactoryTest {
  private static final Instant RAISED = Instant.parse("2026-11-22T10:00:00Z");
  private final AlertFactory factory = new AlertFactory(Duration.ofSeconds(60));

  @Test
  void panicBecomesAnOpenCriticalAlertWithThePosition() {
    ControlAlert alert = factory.fromAlarm(report("p-1", RAISED.plusMillis(300), true));
    assertEquals(AlertType.PANIC, alert.type());
    assertEquals(Severity.CRITICAL, alert.severity());
    assertEquals(AlertState.OPEN, alert.state());
    assertEquals("VEH-1", alert.vehicleId());
    assertEquals(RAISED, alert.raisedAt());
    assertEquals(48.1, alert.position().lat());
    assertNull(alert.position().headingDeg(), "NaN heading from the wire is an unknown heading");
    assertNull(alert.tripId());
    assertFalse(alert.late());
  }

  @Test
  void anAlarmArrivingAfterTheLateThresholdIsRaisedAndMarkedLate() {
    ControlAlert alert = factory.fromAlarm(report("p-1", RAISED.plusSeconds(3600), true));
    assertTrue(alert.late());
    assertEquals(AlertState.OPEN, alert.state());
  }

  @Test
  void theSameAlarmSentTwiceGetsTheSameAlertIdAndAnotherAlarmAnother() {
    String first = factory.fromAlarm(report("p-1", RAISED, true)).alertId();
    assertEquals(first, factory.fromAlarm(report("p-1", RAISED.plusSeconds(5), false)).alertId());
    assertNotEquals(first, factory.fromAlarm(report("p-2", RAISED, true)).alertId());
  }

  @Test
  void anAlarmWithoutAFixHasNoPosition() {
    assertNull(factory.fromAlarm(report("p-1", RAISED, false)).position());
  }

  private static Uplink.AlarmReport report(String alarmId, Instant received, boolean withFix) {
    Alarm.Builder alarm =
        Alarm.newBuilder()
            .setAlarmId(alarmId)
            .setType(AlarmType.PANIC)
            .setRaisedAtMs(RAISED.toEpochMilli());
    if (withFix) {
      alarm.setPosition(
          Position.newBuilder()
              .setLatDeg(48.1)
              .setLonDeg(11.5)
              .setHeadingDeg(Float.NaN)
              .setFixTimeMs(RAISED.toEpochMilli()));
    }
    return new Uplink.AlarmReport(new Uplink.Origin("dev-1", "VEH-1", 7, received), alarm.build());
  }
}
