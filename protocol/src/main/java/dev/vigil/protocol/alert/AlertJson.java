package dev.vigil.protocol.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alert's JSON form, version 1: a leading {@code "version": 1}, then the fields in the order of
 * ARCHITECTURE.md. Instants are ISO-8601 UTC with milliseconds ({@code 2026-11-22T10:15:30.123Z});
 * a missing trip or position is JSON {@code null}; {@code details} keys are written sorted. Reading
 * ignores fields it does not know (a newer minor revision may add some) and refuses anything else
 * that is off, with a message naming the field.
 */
public final class AlertJson {
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();
  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private AlertJson() {}

  public static byte[] write(ControlAlert alert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("version", VERSION);
      json.writeStringField("alertId", alert.alertId());
      json.writeStringField("type", alert.type().name());
      json.writeStringField("severity", alert.severity().name());
      json.writeStringField("state", alert.state().name());
      json.writeStringField("vehicleId", alert.vehicleId());
      json.writeStringField("deviceId", alert.deviceId());
      json.writeStringField("tripId", alert.tripId());
      json.writeStringField("raisedAt", instant(alert.raisedAt()));
      json.writeStringField("receivedAt", instant(alert.receivedAt()));
      json.writeBooleanField("late", alert.late());
      writePosition(json, alert.position());
      json.writeArrayFieldStart("evidence");
      for (String id : alert.evidence()) {
        json.writeString(id);
      }
      json.writeEndArray();
      json.writeFieldName("details");
      MAPPER.writeValue(json, new TreeMap<>(alert.details()));
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory: cannot happen
    }
    return out.toByteArray();
  }

  public static ControlAlert read(byte[] bytes) {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IllegalArgumentException("alert is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("alert is not readable: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("alert is not a JSON object");
    }
    JsonNode version = root.get("version");
    if (version == null || !version.isInt() || version.asInt() != VERSION) {
      throw new IllegalArgumentException("alert version " + version + " is not " + VERSION);
    }
    return new ControlAlert(
        text(root, "alertId"),
        choice(root, "type", AlertType.class),
        choice(root, "severity", Severity.class),
        choice(root, "state", AlertState.class),
        text(root, "vehicleId"),
        text(root, "deviceId"),
        nullableText(root, "tripId"),
        time(root, "raisedAt"),
        time(root, "receivedAt"),
        bool(root, "late"),
        position(root.get("position")),
        evidence(root.get("evidence")),
        details(root.get("details")));
  }

  private static void writePosition(JsonGenerator json, AlertPosition position) throws IOException {
    if (position == null) {
      json.writeNullField("position");
      return;
    }
    json.writeObjectFieldStart("position");
    json.writeNumberField("lat", position.lat());
    json.writeNumberField("lon", position.lon());
    json.writeNumberField("speedMps", position.speedMps());
    if (position.headingDeg() == null) {
      json.writeNullField("headingDeg");
    } else {
      json.writeNumberField("headingDeg", position.headingDeg());
    }
    json.writeStringField("fixTime", instant(position.fixTime()));
    json.writeEndObject();
  }

  private static String instant(Instant instant) {
    return INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  private static AlertPosition position(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("alert position is not an object");
    }
    JsonNode heading = node.get("headingDeg");
    return new AlertPosition(
        number(node, "lat"),
        number(node, "lon"),
        number(node, "speedMps"),
        heading == null || heading.isNull() ? null : number(node, "headingDeg"),
        time(node, "fixTime"));
  }

  private static List<String> evidence(JsonNode node) {
    if (node == null || !node.isArray()) {
      throw new IllegalArgumentException("alert evidence is missing or not a list");
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode id : node) {
      if (!id.isTextual()) {
        throw new IllegalArgumentException("alert evidence holds a non-text id: " + id);
      }
      ids.add(id.asText());
    }
    return ids;
  }

  private static Map<String, Object> details(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("alert details are missing or not an object");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    node.fields()
        .forEachRemaining(
            field -> {
              if (field.getValue().isNull()) {
                throw new IllegalArgumentException("alert detail " + field.getKey() + " is null");
              }
              details.put(field.getKey(), MAPPER.convertValue(field.getValue(), Object.class));
            });
    return details;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new IllegalArgumentException("alert " + field + " is missing or not text");
    }
    return value.asText();
  }

  private static String nullableText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : text(node, field);
  }

  private static double number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber()) {
      throw new IllegalArgumentException("alert " + field + " is missing or not a number");
    }
    return value.asDouble();
  }

  private static boolean bool(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isBoolean()) {
      throw new IllegalArgumentException("alert " + field + " is missing or not true/false");
    }
    return value.asBoolean();
  }

  private static Instant time(JsonNode node, String field) {
    String text = text(node, field);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("alert " + field + " is not an ISO-8601 instant: " + text);
    }
  }

  private static <E extends Enum<E>> E choice(JsonNode node, String field, Class<E> type) {
    String text = text(node, field);
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("alert " + field + " '" + text + "' is not known");
    }
  }
}
