package dev.vigil.device.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EscalationPolicyTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private final EscalationPolicy policy =
      new EscalationPolicy(EscalationPolicy.Settings.defaults());

  private EscalationPolicy.Decision at(long seconds, Hazard hazard, boolean severe) {
    return policy.decide(new Finding(hazard, T0.plusSeconds(seconds), severe, Map.of()));
  }

  @Test
  void aFirstHarshBrakingIsAWarningOnlyThenRepeatsEscalate() {
    EscalationPolicy.Decision first = at(0, Hazard.HARSH_BRAKING, false);
    assertTrue(first.warn());
    assertEquals(Optional.empty(), first.report());
    assertEquals(Optional.of(Report.Kind.EVENT), at(120, Hazard.HARSH_BRAKING, false).report());
    assertEquals(Optional.of(Report.Kind.ALARM), at(240, Hazard.HARSH_BRAKING, false).report());
  }

  @Test
  void repeatsOutsideTheWindowStartOver() {
    at(0, Hazard.SPEEDING, false);
    assertEquals(Optional.empty(), at(601, Hazard.SPEEDING, false).report());
  }

  @Test
  void aSevereCaseIsAnAlarmAtOnce() {
    assertEquals(Optional.of(Report.Kind.ALARM), at(0, Hazard.SPEEDING, true).report());
    assertEquals("severe", at(300, Hazard.HARSH_CORNERING, true).why());
  }

  @Test
  void theDriverIsNotNaggedEverySecond() {
    assertTrue(at(0, Hazard.SPEEDING_PREWARN, false).warn());
    assertFalse(at(5, Hazard.HARSH_BRAKING, false).warn(), "any two warnings 10 s apart");
    assertTrue(at(11, Hazard.HARSH_BRAKING, false).warn());
    assertFalse(at(40, Hazard.HARSH_BRAKING, false).warn(), "the same warning once a minute");
    assertTrue(at(72, Hazard.HARSH_BRAKING, false).warn());
    assertEquals(2, policy.suppressedWarnings());
  }

  @Test
  void aCrashIsAlwaysAnnouncedAndAlwaysAnAlarm() {
    at(0, Hazard.HARSH_BRAKING, false);
    EscalationPolicy.Decision crash = at(1, Hazard.CRASH, true);
    assertTrue(crash.warn());
    assertEquals(Optional.of(Report.Kind.ALARM), crash.report());
  }

  @Test
  void tripAlarmsAreNotAnnouncedInTheCab() {
    EscalationPolicy.Decision tamper = at(0, Hazard.TAMPER, false);
    assertFalse(tamper.warn());
    assertEquals(Optional.of(Report.Kind.ALARM), tamper.report());
    assertFalse(at(100, Hazard.TRIP_OVERDUE, false).warn());
    assertEquals(Optional.of(Report.Kind.EVENT), at(200, Hazard.ROUTE_RETURNED, false).report());
  }
}
