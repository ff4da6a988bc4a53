package dev.vigil.gateway.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An operator's request for the recordings of a past time window of one vehicle, as posted to
 * {@code POST /api/vehicles/{vehicleId}/media-requests} (pure parsing and validation). A bad
 * request is refused with {@link Invalid}, naming the field.
 *
 * @param cameras the sources asked for; empty means every camera and microphone of the vehicle
 */
public record MediaRequest(
    String vehicleId,
    Instant from,
    Instant to,
    List<String> cameras,
    String reason,
    String operator) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS = Set.of("from", "to", "cameras", "reason", "operator");
  private static final int MAX_TEXT = 500;

  /** A request the client must change; {@code field} names what is wrong. */
  public static final class Invalid extends RuntimeException {
    private final String field;

    Invalid(String field, String problem) {
      super(field + " " + problem);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /** Parses {@code body}; the window must be at most {@code maxWindow} long and end by now. */
  public static MediaRequest parse(String vehicleId, byte[] body, Duration maxWindow, Instant now) {
    JsonNode json = object(body);
    Instant from = time(json, "from");
    Instant to = time(json, "to");
    if (!from.isBefore(to)) {
      throw new Invalid("to", "must be after from");
    }
    if (Duration.between(from, to).compareTo(maxWindow) > 0) {
      throw new Invalid("to", "must be at most " + maxWindow.toSeconds() + " s after from");
    }
    if (from.isAfter(now)) {
      throw new Invalid("from", "is in the future: only recorded footage can be uploaded");
    }
    return new MediaRequest(
        vehicleId, from, to, cameras(json), text(json, "reason"), text(json, "operator"));
  }

  private static JsonNode object(byte[] body) {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      throw new Invalid("body", "is not JSON: " + e.getMessage());
    }
    if (json == null || !json.isObject()) {
      throw new Invalid("body", "must be a JSON object");
    }
    json.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                throw new Invalid(name, "is not a media request field; expected one of " + FIELDS);
              }
            });
    return json;
  }

  private static Instant time(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isTextual()) {
      throw new Invalid(
          field, "is required: an ISO-8601 time with offset, e.g. 2026-11-23T14:05:00Z");
    }
    try {
      return OffsetDateTime.parse(value.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw new Invalid(field, "is not an ISO-8601 time with offset: " + value.asText());
    }
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new Invalid(field, "is required (every media request is audited: who and why)");
    }
    if (value.asText().length() > MAX_TEXT) {
      throw new Invalid(field, "must be at most " + MAX_TEXT + " characters");
    }
    return value.asText();
  }

  private static List<String> cameras(JsonNode json) {
    JsonNode value = json.get("cameras");
    List<String> cameras = new ArrayList<>();
    if (value == null || value.isNull()) {
      return cameras;
    }
    if (!value.isArray()) {
      throw new Invalid("cameras", "must be an array of camera names");
    }
    for (JsonNode camera : value) {
      if (!camera.isTextual() || !camera.asText().matches("[A-Za-z0-9_-]{1,32}")) {
        throw new Invalid("cameras", "must hold camera names (letters, digits, _ or -): " + camera);
      }
      cameras.add(camera.asText());
    }
    return List.copyOf(cameras);
  }
}
