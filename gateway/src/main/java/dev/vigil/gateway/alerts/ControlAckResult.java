package dev.vigil.gateway.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.gateway.alerts.AlertCounters.AckOutcome;
import java.io.IOException;
import java.util.Objects;

/**
 * The gateway's answer to one well-formed request from {@code vigil/v1/control/ack}, published on
 * {@code vigil/v1/control/ack-result} (QoS 1, not retained) as {@code {"version":1, "alertId",
 * "operator", "action": "ack" | "resolve", "outcome": "APPLIED" | "UNCHANGED" | "UNKNOWN_ALERT" |
 * "REFUSED", "error": "..." | null}}. {@code error} says why for UNKNOWN_ALERT and REFUSED. An
 * APPLIED change itself comes back as the alert in its new state on the alert topics; this answer
 * only says that the request was taken. Malformed requests get no answer (the sender's identity
 * cannot be trusted from a payload that does not parse); they are logged and counted.
 */
public record ControlAckResult(
    String alertId, String operator, ControlAck.Action action, AckOutcome outcome, String error) {
  public static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  public ControlAckResult {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    if (outcome == AckOutcome.MALFORMED) {
      throw new IllegalArgumentException("a malformed request gets no result");
    }
  }

  /** The answer to {@code request} given what {@link ControlDesk} made of it. */
  public static ControlAckResult of(ControlAck request, AckOutcome outcome, String error) {
    return new ControlAckResult(
        request.alertId(), request.operator(), request.action(), outcome, error);
  }

  /** True when the operator must be told the request did nothing. */
  public boolean rejected() {
    return outcome == AckOutcome.UNKNOWN_ALERT || outcome == AckOutcome.REFUSED;
  }

  public byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    root.put("alertId", alertId);
    root.put("operator", operator);
    root.put("action", action.name().toLowerCase(java.util.Locale.ROOT));
    root.put("outcome", outcome.name());
    root.put("error", error);
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write an ack result", e);
    }
  }

  /** Reads one answer, or throws naming what is wrong with it. */
  public static ControlAckResult parse(byte[] payload) {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (IOException e) {
      throw new IllegalArgumentException("ack result is not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("ack result is not a JSON object");
    }
    if (root.path("version").asInt(-1) != VERSION) {
      throw new IllegalArgumentException("ack result version is not " + VERSION);
    }
    String action = text(root, "action");
    ControlAck.Action parsed =
        switch (action) {
          case "ack" -> ControlAck.Action.ACK;
          case "resolve" -> ControlAck.Action.RESOLVE;
          default -> throw new IllegalArgumentException("ack result action is " + action);
        };
    AckOutcome outcome;
    try {
      outcome = AckOutcome.valueOf(text(root, "outcome"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("ack result outcome is unknown: " + root.get("outcome"));
    }
    JsonNode error = root.get("error");
    return new ControlAckResult(
        text(root, "alertId"),
        text(root, "operator"),
        parsed,
        outcome,
        error == null || error.isNull() ? null : error.asText());
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException("ack result " + field + " is missing or not a string");
    }
    return node.textValue();
  }
}
