package dev.vigil.protocol.alert;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * The control-room alert as JSON, version {@value #VERSION}: one object per MQTT message, UTF-8.
 *
 * <pre>{@code
 * {"version":1,"alertId":"...","type":"PANIC","severity":"CRITICAL","state":"OPEN",
 *  "vehicleId":"...","deviceId":"...","tripId":"..." | null,
 *  "raisedAt":"2026-11-22T10:15:30.123Z","receivedAt":"...","late":false,
 *  "position":{"lat":..,"lon":..,"speedMps":.. | null,"headingDeg":.. | null,"fixTime":"..."} | null,
 *  "evidence":["media id", ...],"details":{...},
 *  "count":1,"lastRaisedAt":"...","updatedAt":"...","escalationLevel":0,"acknowledgedBy":"..." | null,
 *  "resolvedBy":"..." | null,"resolution":"HANDLED" | null}
 * }</pre>
 *
 * <p>Fields are written in this order. Instants are ISO-8601 UTC with exactly three fraction digits
 * (sub-millisecond parts are dropped). On reading, every field except {@code tripId}, {@code
 * position}, {@code headingDeg} and the progress fields is required ({@code evidence} and {@code
 * details} may be empty); fields this version does not know are ignored, so a newer writer may add
 * some without raising the version. A reader refuses any version other than its own.
 */
public final class AlertJson {
  public static final int VERSION = 1;

  private static final DateTimeFormatter MILLIS_UTC =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private AlertJson() {}

  /** The alert as UTF-8 JSON, fields in contract order. */
  public static byte[] write(ControlAlert alert) {
    Objects.requireNonNull(alert, "alert");
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator json = MAPPER.createGenerator(out)) {
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
      json.writeFieldName("position");
      writePosition(json, alert.position());
      json.writeArrayFieldStart("evidence");
      for (String mediaId : alert.evidence()) {
        json.writeString(mediaId);
      }
      json.writeEndArray();
      json.writeObjectField("details", alert.details());
      writeProgress(json, alert.progress());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write alert " + alert.alertId(), e);
    }
    return out.toByteArray();
  }

  /**
   * Reads one alert.
   *
   * @throws IllegalArgumentException naming the problem: malformed JSON, an unsupported version, a
   *     missing or mistyped field, or an unknown enum value
   */
  public static ControlAlert read(byte[] json) {
    Objects.requireNonNull(json, "json");
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("alert JSON is malformed: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("alert JSON cannot be read: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new IllegalArgumentException("alert JSON is empty");
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("alert JSON must be an object, not " + root.getNodeType());
    }
    return AlertJsonReader.alert(root);
  }

  static String instant(Instant instant) {
    return MILLIS_UTC.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> toMap(JsonNode object) {
    return MAPPER.convertValue(object, Map.class);
  }

  private static void writePosition(JsonGenerator json, AlertPosition position) throws IOException {
    if (position == null) {
      json.writeNull();
      return;
    }
    json.writeStartObject();
    json.writeNumberField("lat", position.lat());
    json.writeNumberField("lon", position.lon());
    writeNullable(json, "speedMps", position.speedMps());
    writeNullable(json, "headingDeg", position.headingDeg());
    json.writeStringField("fixTime", instant(position.fixTime()));
    json.writeEndObject();
  }

  private static void writeProgress(JsonGenerator json, AlertProgress progress) throws IOException {
    json.writeNumberField("count", progress.count());
    json.writeStringField("lastRaisedAt", instant(progress.lastRaisedAt()));
    json.writeStringField("updatedAt", instant(progress.updatedAt()));
    json.writeNumberField("escalationLevel", progress.escalationLevel());
    json.writeStringField("acknowledgedBy", progress.acknowledgedBy());
    json.writeStringField("resolvedBy", progress.resolvedBy());
    json.writeStringField("resolution", progress.resolution());
  }

  private static void writeNullable(JsonGenerator json, String field, Double value)
      throws IOException {
    json.writeFieldName(field);
    if (value == null) {
      json.writeNull();
    } else {
      json.writeNumber(value);
    }
  }
}
