package dev.vigil.gateway.desk;

import static dev.vigil.gateway.desk.DeskAlerts.T0;
import static dev.vigil.gateway.desk.DeskAlerts.alert;
import static dev.vigil.gateway.desk.DeskAlerts.open;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.gateway.alerts.AlertCounters.AckOutcome;
import dev.vigil.gateway.alerts.ControlAck;
import dev.vigil.gateway.alerts.ControlAckResult;
import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.alert.AlertType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class PlainLinesTest {
  @Test
  void anAlertIsOneLineOfWords() {
    assertEquals(
        "ALERT id=p1 state=OPEN severity=CRITICAL type=PANIC vehicle=VEH-p1 count=1 level=0"
            + " age=7s by=-",
        PlainLines.alert(open("p1", AlertType.PANIC, 3), T0.plusSeconds(10)));
    assertEquals(
        "ALERT id=p1 state=RESOLVED severity=CRITICAL type=PANIC vehicle=VEH-p1 count=1 level=1"
            + " age=7s by=anna resolvedBy=ben resolution=HANDLED",
        PlainLines.alert(
            alert("p1", AlertType.PANIC, AlertState.RESOLVED, 3, 9, 1, "anna"),
            T0.plusSeconds(10)));
  }

  @Test
  void resultsSayWhetherTheGatewayRefused() {
    assertEquals(
        "REJECTED ack nope UNKNOWN_ALERT: no such alert",
        PlainLines.result(
            new ControlAckResult(
                "nope", "anna", ControlAck.Action.ACK, AckOutcome.UNKNOWN_ALERT, "no such alert")));
    assertEquals(
        "RESULT resolve p1 APPLIED",
        PlainLines.result(
            new ControlAckResult(
                "p1", "anna", ControlAck.Action.RESOLVE, AckOutcome.APPLIED, null)));
  }
}
