package dev.vigil.protocol.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Turns a parsed JSON tree into a {@link ControlAlert}, naming the first field that is wrong. */
final class AlertJsonReader {
  private AlertJsonReader() {}

  static ControlAlert alert(JsonNode root) {
    JsonNode version = required(root, "version");
    if (!version.isIntegralNumber() || version.asLong() != AlertJson.VERSION) {
      throw new IllegalArgumentException(
          "alert JSON version "
              + version
              + " is not supported (this reader knows "
              + AlertJson.VERSION
              + ")");
    }
    Instant raisedAt = instant(root, "raisedAt");
    Instant receivedAt = instant(root, "receivedAt");
    return new ControlAlert(
        text(root, "alertId"),
        enumValue(root, "type", AlertType.class),
        enumValue(root, "severity", Severity.class),
        enumValue(root, "state", AlertState.class),
        text(root, "vehicleId"),
        text(root, "deviceId"),
        optionalText(root, "tripId"),
        raisedAt,
        receivedAt,
        bool(root, "late"),
        position(root.get("position")),
        evidence(required(root, "evidence")),
        details(required(root, "details")),
        progress(root, raisedAt, receivedAt));
  }

  /** The fields added after the first release; absent ones take a new alert's values. */
  private static AlertProgress progress(JsonNode root, Instant raisedAt, Instant receivedAt) {
    AlertProgress first = AlertProgress.first(raisedAt, receivedAt);
    int count = root.has("count") ? (int) whole(root, "count", 1) : first.count();
    int level = root.has("escalationLevel") ? (int) whole(root, "escalationLevel", 0) : 0;
    Instant updatedAt = root.has("updatedAt") ? instant(root, "updatedAt") : receivedAt;
    Instant lastRaisedAt = root.has("lastRaisedAt") ? instant(root, "lastRaisedAt") : raisedAt;
    return new AlertProgress(
        count,
        lastRaisedAt,
        updatedAt,
        level,
        optionalText(root, "acknowledgedBy"),
        optionalText(root, "resolvedBy"),
        optionalText(root, "resolution"));
  }

  private static long whole(JsonNode parent, String name, long min) {
    JsonNode node = required(parent, name);
    if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > Integer.MAX_VALUE) {
      throw wrongType(name, "a whole number >= " + min, node);
    }
    return node.asLong();
  }

  private static AlertPosition position(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw wrongType("position", "an object or null", node);
    }
    JsonNode heading = node.get("headingDeg");
    Double headingDeg = null;
    if (heading != null && !heading.isNull()) {
      headingDeg = number(node, "headingDeg", "position.headingDeg");
    }
    double lat = number(node, "lat", "position.lat");
    double lon = number(node, "lon", "position.lon");
    JsonNode speed = node.get("speedMps");
    Double speedMps = null;
    if (speed != null && !speed.isNull()) {
      speedMps = number(node, "speedMps", "position.speedMps");
    }
    Instant fixTime = instant(node, "fixTime", "position.fixTime");
    try {
      return new AlertPosition(lat, lon, speedMps, headingDeg, fixTime);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("alert JSON field 'position': " + e.getMessage(), e);
    }
  }

  private static List<String> evidence(JsonNode node) {
    if (!node.isArray()) {
      throw wrongType("evidence", "an array of strings", node);
    }
    List<String> ids = new ArrayList<>(node.size());
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw wrongType("evidence[" + ids.size() + "]", "a string", item);
      }
      ids.add(item.textValue());
    }
    return ids;
  }

  private static Map<String, Object> details(JsonNode node) {
    if (!node.isObject()) {
      throw wrongType("details", "an object", node);
    }
    return AlertJson.toMap(node);
  }

  private static JsonNode required(JsonNode parent, String name) {
    return required(parent, name, name);
  }

  private static JsonNode required(JsonNode parent, String name, String path) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException("alert JSON is missing required field '" + path + "'");
    }
    return node;
  }

  private static String text(JsonNode parent, String name) {
    JsonNode node = required(parent, name);
    if (!node.isTextual()) {
      throw wrongType(name, "a string", node);
    }
    return node.textValue();
  }

  private static String optionalText(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(name, "a string or null", node);
    }
    return node.textValue();
  }

  private static boolean bool(JsonNode parent, String name) {
    JsonNode node = required(parent, name);
    if (!node.isBoolean()) {
      throw wrongType(name, "true or false", node);
    }
    return node.booleanValue();
  }

  private static double number(JsonNode parent, String name, String path) {
    JsonNode node = required(parent, name, path);
    if (!node.isNumber()) {
      throw wrongType(path, "a number", node);
    }
    return node.doubleValue();
  }

  private static Instant instant(JsonNode parent, String name) {
    return instant(parent, name, name);
  }

  private static Instant instant(JsonNode parent, String name, String path) {
    JsonNode node = required(parent, name, path);
    if (!node.isTextual()) {
      throw wrongType(path, "an ISO-8601 UTC time string", node);
    }
    try {
      return Instant.parse(node.textValue());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "alert JSON field '" + path + "' is not an ISO-8601 UTC time: " + node, e);
    }
  }

  private static <E extends Enum<E>> E enumValue(JsonNode parent, String name, Class<E> type) {
    String value = text(parent, name);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(
        "alert JSON field '"
            + name
            + "' has unknown value "
            + parent.get(name)
            + " (expected one of "
            + Arrays.toString(type.getEnumConstants())
            + ")");
  }

  private static IllegalArgumentException wrongType(String path, String expected, JsonNode node) {
    return new IllegalArgumentException(
        "alert JSON field '" + path + "' must be " + expected + ", not " + node.getNodeType());
  }
}
