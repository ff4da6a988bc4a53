package dev.vigil.gateway.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.gateway.alerts.ControlAck;
import dev.vigil.gateway.alerts.Resolution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class WatchTest {
  @Test
  void commandsBecomeRequestsTheGatewayReadsBack() {
    ControlAck ack = Watch.request(new DeskCommand.Ack("al-1", "on it"), "anna");
    assertEquals(ack, ControlAck.parse(DeskLink.json(ack)));
    ControlAck resolve =
        Watch.request(new DeskCommand.Resolve("al-1", Resolution.DUPLICATE, "see al-0"), "anna");
    assertEquals(
        new ControlAck("al-1", "anna", ControlAck.Action.RESOLVE, "see al-0", Resolution.DUPLICATE),
        ControlAck.parse(DeskLink.json(resolve)));
  }

  @Test
  void aRequestTheGatewayWouldRefuseAsMalformedIsStoppedAtTheDesk() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Watch.request(new DeskCommand.Ack("x".repeat(65), ""), "anna"));
    assertEquals("alertId must be 1..64 characters", e.getMessage());
  }
}
