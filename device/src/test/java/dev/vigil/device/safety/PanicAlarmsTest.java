package dev.vigil.device.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.gps.FixMode;
import dev.vigil.device.gps.GnssFix;
import dev.vigil.protocol.pb.Alarm;
import dev.vigil.protocol.pb.AlarmType;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PanicAlarmsTest {
  private static final Instant PRESS = Instant.parse("2026-11-22T10:00:05Z");
  private static final GnssFix FIX =
      new GnssFix(
          Instant.parse("2026-11-22T10:00:04Z"),
          48.137,
          11.575,
          5.0,
          OptionalDouble.empty(),
          OptionalDouble.of(520),
          FixMode.THREE_D,
          9,
          OptionalDouble.of(0.9));

  @Test
  void aPressBecomesAPanicAlarmWithTheLastFix() {
    Alarm alarm = new PanicAlarms("boot1").press(PRESS, Optional.of(FIX), Optional.of("trip-7"));
    assertEquals(AlarmType.PANIC, alarm.getType());
    assertEquals(PRESS.toEpochMilli(), alarm.getRaisedAtMs());
    assertEquals(48.137, alarm.getPosition().getLatDeg());
    assertTrue(Float.isNaN(alarm.getPosition().getHeadingDeg()), "no course: NaN on the wire");
    assertEquals("trip-7", alarm.getTripId());
    assertEquals("1000", alarm.getDetailsOrThrow("fixAgeMs"));
  }

  @Test
  void aPressBeforeAnyFixIsStillAnAlarm() {
    Alarm alarm = new PanicAlarms("boot1").press(PRESS, Optional.empty(), Optional.empty());
    assertFalse(alarm.hasPosition());
    assertEquals(AlarmType.PANIC, alarm.getType());
  }

  @Test
  void everyPressHasItsOwnIdAndRunsOfTheAgentDoNotCollide() {
    PanicAlarms run = new PanicAlarms("boot1");
    String first = run.press(PRESS, Optional.empty(), Optional.empty()).getAlarmId();
    String second = run.press(PRESS, Optional.empty(), Optional.empty()).getAlarmId();
    String otherRun =
        new PanicAlarms("boot2").press(PRESS, Optional.empty(), Optional.empty()).getAlarmId();
    assertNotEquals(first, second);
    assertNotEquals(first, otherRun);
  }

  @Test
  void onlyAlarmsRaisedInThisRunAreRecognisedForAnAlarmAck() {
    PanicAlarms panics = new PanicAlarms("boot2");
    String first = panics.press(PRESS, Optional.empty(), Optional.empty()).getAlarmId();
    assertTrue(panics.raisedInThisRun(first));
    assertFalse(panics.raisedInThisRun("panic-boot2-2"), "not pressed yet");
    assertFalse(panics.raisedInThisRun("panic-boot1-1"), "an earlier run's alarm");
    assertFalse(panics.raisedInThisRun("panic-boot2-x"));
  }
}
