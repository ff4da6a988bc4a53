package dev.vigil.gateway.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.alerts.AlertCounters.AckOutcome;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class ControlAckResultTest {
  @Test
  void writesAndReadsBack() {
    ControlAckResult refused =
        new ControlAckResult(
            "al-1", "anna", ControlAck.Action.RESOLVE, AckOutcome.REFUSED, "already resolved");
    assertEquals(
        "{\"version\":1,\"alertId\":\"al-1\",\"operator\":\"anna\",\"action\":\"resolve\","
            + "\"outcome\":\"REFUSED\",\"error\":\"already resolved\"}",
        new String(refused.toJson(), StandardCharsets.UTF_8));
    assertEquals(refused, ControlAckResult.parse(refused.toJson()));
    ControlAckResult applied =
        new ControlAckResult("al-1", "anna", ControlAck.Action.ACK, AckOutcome.APPLIED, null);
    assertEquals(applied, ControlAckResult.parse(applied.toJson()));
  }

  @Test
  void onlyUnknownAndRefusedAreRejections() {
    for (AckOutcome outcome : AckOutcome.values()) {
      if (outcome == AckOutcome.MALFORMED) {
        continue;
      }
      ControlAckResult result =
          new ControlAckResult("a", "b", ControlAck.Action.ACK, outcome, null);
      assertEquals(
          outcome == AckOutcome.UNKNOWN_ALERT || outcome == AckOutcome.REFUSED, result.rejected());
    }
    assertTrue(
        ControlAckResult.of(
                ControlAck.of("a", "b", ControlAck.Action.ACK, "", null),
                AckOutcome.UNKNOWN_ALERT,
                "no such alert")
            .rejected());
    assertFalse(
        new ControlAckResult("a", "b", ControlAck.Action.ACK, AckOutcome.UNCHANGED, null)
            .rejected());
  }

  @Test
  void aMalformedRequestGetsNoResult() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ControlAckResult("a", "b", ControlAck.Action.ACK, AckOutcome.MALFORMED, "x"));
  }

  @Test
  void badAnswersAreRefusedByName() {
    assertEquals(
        "ack result version is not 1",
        assertThrows(
                IllegalArgumentException.class,
                () -> ControlAckResult.parse("{\"version\":2}".getBytes(StandardCharsets.UTF_8)))
            .getMessage());
    assertEquals(
        "ack result outcome is unknown: \"LOST\"",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    ControlAckResult.parse(
                        ("{\"version\":1,\"alertId\":\"a\",\"operator\":\"b\",\"action\":\"ack\","
                                + "\"outcome\":\"LOST\"}")
                            .getBytes(StandardCharsets.UTF_8)))
            .getMessage());
  }
}
