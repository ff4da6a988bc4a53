package dev.vigil.gateway.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.alerts.AlertChange.Action;
import dev.vigil.protocol.alert.AlertPosition;
import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.alert.AlertType;
import dev.vigil.protocol.alert.ControlAlert;
import dev.vigil.protocol.alert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class AlertLifecycleTest {
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private final AlertLifecycle lifecycle =
      new AlertLifecycle(EscalationPolicy.defaults(), Duration.ofMinutes(10));

  static ControlAlert alert(AlertType type, String tripId, Instant receivedAt, double lat) {
    return new ControlAlert(
        "al-" + receivedAt.toEpochMilli(),
        type,
        type.defaultSeverity(),
        AlertState.OPEN,
        "VEH-1",
        "dev-1",
        tripId,
        receivedAt.minusMillis(200),
        receivedAt,
        false,
        new AlertPosition(lat, 11.5, 3.0, null, receivedAt.minusMillis(900)),
        List.of(),
        Map.of());
  }

  private static ControlAlert panic() {
    return alert(AlertType.PANIC, "trip-1", T0, 48.1);
  }

  private static Step.Changed changed(Step step) {
    return assertInstanceOf(Step.Changed.class, step);
  }

  @Test
  void anOperatorAcknowledgesThenResolvesWithAReasonAndANote() {
    Step.Changed taken =
        changed(lifecycle.acknowledge(panic(), "anna", "calling", T0.plusSeconds(5)));
    assertEquals(AlertState.ACKNOWLEDGED, taken.alert().state());
    assertEquals("anna", taken.alert().progress().acknowledgedBy());
    assertEquals(
        new AlertChange(
            panic().alertId(),
            Action.ACKNOWLEDGED,
            AlertState.OPEN,
            AlertState.ACKNOWLEDGED,
            "anna",
            T0.plusSeconds(5),
            "calling"),
        taken.change());
    Step.Changed closed =
        changed(
            lifecycle.resolve(
                taken.alert(), "ben", Resolution.HANDLED, "police on site", T0.plusSeconds(90)));
    assertEquals(AlertState.RESOLVED, closed.alert().state());
    assertEquals("ben", closed.alert().progress().resolvedBy());
    assertEquals("HANDLED", closed.alert().progress().resolution());
    assertEquals("anna", closed.alert().progress().acknowledgedBy(), "who took it stays known");
    assertEquals(T0.plusSeconds(90), closed.alert().progress().updatedAt());
    assertEquals(Action.RESOLVED, closed.change().action());
  }

  @Test
  void aRepeatedAcknowledgementByTheSameOperatorChangesNothing() {
    ControlAlert taken = changed(lifecycle.acknowledge(panic(), "anna", "", T0)).alert();
    assertInstanceOf(
        Step.Unchanged.class, lifecycle.acknowledge(taken, "anna", "", T0.plusSeconds(1)));
    Step.Refused other =
        assertInstanceOf(
            Step.Refused.class, lifecycle.acknowledge(taken, "ben", "", T0.plusSeconds(1)));
    assertTrue(other.reason().contains("anna"), other.reason());
  }

  @Test
  void aResolvedAlertCannotBeAcknowledgedOrResolvedDifferently() {
    ControlAlert closed =
        changed(lifecycle.resolve(panic(), "anna", Resolution.TEST, "", T0)).alert();
    assertInstanceOf(Step.Refused.class, lifecycle.acknowledge(closed, "ben", "", T0));
    assertInstanceOf(
        Step.Refused.class, lifecycle.resolve(closed, "anna", Resolution.HANDLED, "", T0));
    assertInstanceOf(
        Step.Unchanged.class, lifecycle.resolve(closed, "anna", Resolution.TEST, "", T0));
  }

  @Test
  void resolvingAsOtherNeedsANote() {
    assertInstanceOf(
        Step.Refused.class, lifecycle.resolve(panic(), "anna", Resolution.OTHER, " ", T0));
    changed(lifecycle.resolve(panic(), "anna", Resolution.OTHER, "driver's child pressed it", T0));
  }

  @Test
  void anUnacknowledgedPanicEscalatesAtSixtyAndAgainAtOneHundredTwentySeconds() {
    ControlAlert alert = panic();
    for (int s = 0; s < 60; s++) {
      assertInstanceOf(
          Step.Unchanged.class, lifecycle.escalate(alert, T0.plusSeconds(s)), "at " + s);
    }
    Step.Changed first = changed(lifecycle.escalate(alert, T0.plusSeconds(60)));
    assertEquals(AlertState.ESCALATED, first.alert().state());
    assertEquals(1, first.alert().progress().escalationLevel());
    assertEquals(AlertState.OPEN, first.change().from());
    assertEquals("gateway", first.change().who());
    alert = first.alert();
    assertInstanceOf(Step.Unchanged.class, lifecycle.escalate(alert, T0.plusSeconds(119)));
    Step.Changed second = changed(lifecycle.escalate(alert, T0.plusSeconds(120)));
    assertEquals(2, second.alert().progress().escalationLevel());
    assertEquals(AlertState.ESCALATED, second.change().from());
    assertEquals(Optional.empty(), lifecycle.escalation().nextAt(second.alert()), "no third level");
    assertInstanceOf(
        Step.Unchanged.class, lifecycle.escalate(second.alert(), T0.plusSeconds(9999)));
  }

  @Test
  void anAcknowledgedAlertNeverEscalatesButAnEscalatedOneCanStillBeTaken() {
    ControlAlert taken =
        changed(lifecycle.acknowledge(panic(), "anna", "", T0.plusSeconds(30))).alert();
    assertEquals(Optional.empty(), lifecycle.escalation().nextAt(taken));
    assertInstanceOf(Step.Unchanged.class, lifecycle.escalate(taken, T0.plusSeconds(600)));
    ControlAlert escalated = changed(lifecycle.escalate(panic(), T0.plusSeconds(61))).alert();
    Step.Changed late = changed(lifecycle.acknowledge(escalated, "sup", "", T0.plusSeconds(70)));
    assertEquals(AlertState.ESCALATED, late.change().from());
    assertEquals(1, late.alert().progress().escalationLevel(), "the level reached stays visible");
  }

  @Test
  void defaultDeadlinesPerSeverityCountFromReceptionNotFromTheDevicesClock() {
    EscalationPolicy policy = EscalationPolicy.defaults();
    ControlAlert late = alert(AlertType.PANIC, null, T0, 48.1);
    assertEquals(Optional.of(T0.plusSeconds(60)), policy.nextAt(late));
    assertEquals(
        Optional.of(T0.plusSeconds(300)),
        policy.nextAt(alert(AlertType.ROUTE_DEVIATION, null, T0, 48.1)));
    assertEquals(
        Optional.of(T0.plusSeconds(900)), policy.nextAt(alert(AlertType.SPEEDING, null, T0, 48.1)));
    assertEquals(
        Optional.of(T0.plusSeconds(3600)), policy.nextAt(alert(AlertType.FATIGUE, null, T0, 48.1)));
    assertEquals(Severity.WARNING, AlertType.FATIGUE.defaultSeverity());
  }

  @Test
  void repeatsOnTheSameTripMergeKeepingTheCountAndTheNewestPosition() {
    ControlAlert open = panic();
    ControlAlert repeat = alert(AlertType.PANIC, "trip-1", T0.plusSeconds(3600), 48.2);
    assertTrue(lifecycle.sameTrouble(open, repeat), "same trip merges whatever the time");
    Step.Changed merged = changed(lifecycle.merge(open, repeat, T0.plusSeconds(3600)));
    assertEquals(open.alertId(), merged.alert().alertId());
    assertEquals(2, merged.alert().progress().count());
    assertEquals(repeat.raisedAt(), merged.alert().progress().lastRaisedAt());
    assertEquals(open.raisedAt(), merged.alert().raisedAt(), "raisedAt stays the first alarm's");
    assertEquals(48.2, merged.alert().position().lat());
    assertEquals(AlertState.OPEN, merged.alert().state());
    assertEquals(Action.MERGED, merged.change().action());
    ControlAlert older = alert(AlertType.PANIC, "trip-1", T0.minusSeconds(30), 47.0);
    assertEquals(
        48.1,
        changed(lifecycle.merge(open, older, T0)).alert().position().lat(),
        "an older fix (a late repeat) does not replace a newer one");
  }

  @Test
  void otherTripsOtherTypesAndResolvedAlertsDoNotMerge() {
    ControlAlert open = panic();
    assertFalse(lifecycle.sameTrouble(open, alert(AlertType.PANIC, "trip-2", T0, 48.1)));
    assertFalse(lifecycle.sameTrouble(open, alert(AlertType.PANIC, null, T0, 48.1)));
    assertFalse(lifecycle.sameTrouble(open, alert(AlertType.CRASH, "trip-1", T0, 48.1)));
    ControlAlert closed = changed(lifecycle.resolve(open, "a", Resolution.TEST, "", T0)).alert();
    assertFalse(lifecycle.sameTrouble(closed, alert(AlertType.PANIC, "trip-1", T0, 48.1)));
  }

  @Test
  void withoutATripRepeatsMergeOnlyInsideTheWindow() {
    ControlAlert open = alert(AlertType.SPEEDING, null, T0, 48.1);
    assertTrue(
        lifecycle.sameTrouble(open, alert(AlertType.SPEEDING, null, T0.plusSeconds(600), 48.1)));
    assertFalse(
        lifecycle.sameTrouble(open, alert(AlertType.SPEEDING, null, T0.plusSeconds(601), 48.1)));
  }
}
