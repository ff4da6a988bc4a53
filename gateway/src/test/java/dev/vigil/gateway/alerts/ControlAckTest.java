package dev.vigil.gateway.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(5)
class ControlAckTest {
  private static ControlAck parse(String json) {
    return ControlAck.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsAnAcknowledgementAndAResolution() {
    assertEquals(
        new ControlAck("al-1", "anna", ControlAck.Action.ACK, "", null),
        parse("{\"alertId\":\"al-1\",\"operator\":\"anna\",\"action\":\"ack\"}"));
    assertEquals(
        new ControlAck("al-1", "anna", ControlAck.Action.RESOLVE, "ok", Resolution.FALSE_ALARM),
        parse(
            "{\"alertId\":\"al-1\",\"operator\":\"anna\",\"action\":\"resolve\","
                + "\"reason\":\"false_alarm\",\"note\":\"ok\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not JSON | {alertId | not JSON",
        "an array | [] | not a JSON object",
        "no action | '{\"alertId\":\"a\",\"operator\":\"o\"}' | action is missing",
        "unknown action | '{\"alertId\":\"a\",\"operator\":\"o\",\"action\":\"close\"}' | ack or resolve",
        "no operator | '{\"alertId\":\"a\",\"action\":\"ack\"}' | operator is missing",
        "blank operator | '{\"alertId\":\"a\",\"operator\":\" \",\"action\":\"ack\"}' | operator must",
        "numeric id | '{\"alertId\":7,\"operator\":\"o\",\"action\":\"ack\"}' | alertId must be a string",
        "resolve, no reason | '{\"alertId\":\"a\",\"operator\":\"o\",\"action\":\"resolve\"}' | reason is missing",
        "made-up reason | '{\"alertId\":\"a\",\"operator\":\"o\",\"action\":\"resolve\",\"reason\":\"bored\"}' | reason must",
        "reserved reason | '{\"alertId\":\"a\",\"operator\":\"o\",\"action\":\"resolve\",\"reason\":\"BACK_ONLINE\"}' | reason must",
      })
  void aMalformedRequestIsRefusedSayingWhy(String what, String json, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(json));
    assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
  }
}
