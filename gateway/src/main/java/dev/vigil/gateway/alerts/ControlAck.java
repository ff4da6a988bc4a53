package dev.vigil.gateway.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * A control-room request on {@code vigil/v1/control/ack}: {@code {"alertId", "operator", "action":
 * "ack" | "resolve", "note", "reason"}}; {@code reason} is required to resolve (a {@link
 * Resolution} name), {@code note} is optional. Parsing is pure: bytes in, a request or the reason
 * it was refused out.
 */
public record ControlAck(
    String alertId, String operator, Action action, String note, Resolution reason) {
  /** What the operator asks for. */
  public enum Action {
    ACK,
    RESOLVE
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_NOTE = 2_000;

  /** The request, or an exception whose message says what is wrong with it. */
  public static ControlAck parse(byte[] payload) {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String action = text(root, "action").orElseThrow(() -> missing("action"));
    Action parsed =
        switch (action) {
          case "ack" -> Action.ACK;
          case "resolve" -> Action.RESOLVE;
          default -> throw new IllegalArgumentException("action must be ack or resolve: " + action);
        };
    return of(
        text(root, "alertId").orElseThrow(() -> missing("alertId")),
        text(root, "operator").orElseThrow(() -> missing("operator")),
        parsed,
        text(root, "note").orElse(""),
        text(root, "reason").orElse(null));
  }

  /** Checks the fields as {@link #parse} does; for requests that came another way (HTTP). */
  public static ControlAck of(
      String alertId, String operator, Action action, String note, String reason) {
    if (alertId.isBlank() || alertId.length() > 64) {
      throw new IllegalArgumentException("alertId must be 1..64 characters");
    }
    if (operator.isBlank() || operator.length() > 128) {
      throw new IllegalArgumentException("operator must be 1..128 characters");
    }
    if (note.length() > MAX_NOTE) {
      throw new IllegalArgumentException("note is longer than " + MAX_NOTE + " characters");
    }
    Resolution resolution = null;
    if (action == Action.RESOLVE) {
      if (reason == null) {
        throw missing("reason");
      }
      resolution =
          Resolution.parse(reason)
              .filter(r -> r != Resolution.BACK_ONLINE)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "reason must be HANDLED, FALSE_ALARM, TEST, DUPLICATE or OTHER: "
                              + reason));
    }
    return new ControlAck(alertId, operator, action, note, resolution);
  }

  private static Optional<String> text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return Optional.of(node.textValue());
  }

  private static IllegalArgumentException missing(String field) {
    return new IllegalArgumentException(field + " is missing");
  }
}
