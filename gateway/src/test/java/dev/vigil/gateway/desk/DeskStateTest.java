package dev.vigil.gateway.desk;

import static dev.vigil.gateway.desk.DeskAlerts.alert;
import static dev.vigil.gateway.desk.DeskAlerts.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.alerts.AlertCounters.AckOutcome;
import dev.vigil.gateway.alerts.ControlAck;
import dev.vigil.gateway.alerts.ControlAckResult;
import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.alert.AlertType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class DeskStateTest {
  private static final DeskState EMPTY = DeskState.start(Optional.of("anna"));

  private static List<String> ids(DeskState state) {
    return state.rows().stream().map(DeskRow::alertId).toList();
  }

  @Test
  void unacknowledgedCriticalAndEscalatedComeFirstThenTheRestOldestFirst() {
    DeskState state =
        EMPTY
            .withAlert(open("speeding-old", AlertType.SPEEDING, 1))
            .withAlert(
                alert("panic-taken", AlertType.PANIC, AlertState.ACKNOWLEDGED, 2, 5, 0, "bo"))
            .withAlert(open("panic-new", AlertType.PANIC, 9))
            .withAlert(
                alert(
                    "stop-escalated", AlertType.ABNORMAL_STOP, AlertState.ESCALATED, 7, 8, 1, null))
            .withAlert(open("panic-old", AlertType.PANIC, 3))
            .withAlert(open("offline-new", AlertType.DEVICE_OFFLINE, 6));
    assertEquals(
        List.of(
            "panic-old",
            "stop-escalated",
            "panic-new",
            "speeding-old",
            "offline-new",
            "panic-taken"),
        ids(state));
    assertTrue(state.rows().get(1).urgent(), "an escalated MAJOR is urgent");
    assertFalse(state.rows().get(5).unacknowledged());
  }

  @Test
  void aChangeReplacesTheAlertAndAResolvedOneLeavesTheDesk() {
    DeskState state = EMPTY.withAlert(open("p1", AlertType.PANIC, 1));
    state = state.withAlert(alert("p1", AlertType.PANIC, AlertState.ACKNOWLEDGED, 1, 4, 0, "anna"));
    assertEquals(AlertState.ACKNOWLEDGED, state.alerts().get("p1").state());
    assertEquals("anna", state.alerts().get("p1").acknowledgedBy());
    state = state.withAlert(alert("p1", AlertType.PANIC, AlertState.RESOLVED, 1, 6, 0, "anna"));
    assertTrue(state.alerts().isEmpty());
    assertEquals(Optional.empty(), state.selectedId());
  }

  @Test
  void anOlderCopyArrivingLateIsIgnored() {
    DeskState state =
        EMPTY.withAlert(alert("p1", AlertType.PANIC, AlertState.ACKNOWLEDGED, 1, 4, 0, "anna"));
    DeskState after = state.withAlert(open("p1", AlertType.PANIC, 1));
    assertSame(state, after);
    assertEquals(AlertState.ACKNOWLEDGED, after.alerts().get("p1").state());
  }

  @Test
  void theFirstAlertIsSelectedAndTheCursorFollowsItsAlertWhenTheOrderChanges() {
    DeskState state = EMPTY.withAlert(open("minor", AlertType.SPEEDING, 1));
    assertEquals(Optional.of("minor"), state.selectedId());
    state = state.withAlert(open("panic", AlertType.PANIC, 2));
    assertEquals(List.of("panic", "minor"), ids(state));
    assertEquals(Optional.of("minor"), state.selectedId(), "still on its alert, now second");
  }

  @Test
  void whenTheSelectedAlertIsResolvedTheCursorGoesToTheMostUrgent() {
    DeskState state =
        EMPTY
            .withAlert(open("a", AlertType.SPEEDING, 1))
            .withAlert(open("b", AlertType.PANIC, 2))
            .moved(1);
    assertEquals(Optional.of("a"), state.selectedId());
    state = state.withAlert(alert("a", AlertType.SPEEDING, AlertState.RESOLVED, 1, 9, 0, null));
    assertEquals(Optional.of("b"), state.selectedId());
  }

  @Test
  void theCursorStopsAtBothEnds() {
    DeskState state =
        EMPTY.withAlert(open("a", AlertType.PANIC, 1)).withAlert(open("b", AlertType.PANIC, 2));
    assertEquals(Optional.of("a"), state.moved(-1).selectedId());
    assertEquals(Optional.of("b"), state.moved(1).moved(1).moved(5).selectedId());
    assertSame(EMPTY, EMPTY.moved(1), "nothing to move over");
  }

  @Test
  void aRefusalOfOurOwnRequestBecomesAnErrorAndOthersAreNotOurs() {
    ControlAckResult ours =
        new ControlAckResult(
            "nope", "anna", ControlAck.Action.ACK, AckOutcome.UNKNOWN_ALERT, "no such alert");
    DeskState state = EMPTY.withResult(ours);
    assertTrue(state.noticeIsError());
    assertEquals("ack of nope refused by the gateway: no such alert", state.notice());

    ControlAckResult theirs =
        new ControlAckResult(
            "nope", "ben", ControlAck.Action.ACK, AckOutcome.UNKNOWN_ALERT, "no such alert");
    assertSame(EMPTY, EMPTY.withResult(theirs));
    ControlAckResult applied =
        new ControlAckResult("p1", "anna", ControlAck.Action.ACK, AckOutcome.APPLIED, null);
    assertSame(EMPTY, EMPTY.withResult(applied), "the change itself shows the effect");
    ControlAckResult again =
        new ControlAckResult("p1", "anna", ControlAck.Action.ACK, AckOutcome.UNCHANGED, null);
    assertEquals("ack of p1: it was so already", EMPTY.withResult(again).notice());
    assertFalse(EMPTY.withResult(again).noticeIsError());
  }
}
