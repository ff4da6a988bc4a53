package dev.vigil.protocol.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The alert the gateway sends to the control room (ARCHITECTURE.md, "Control-room alert"); on the
 * wire it is the JSON written by {@link AlertJson}.
 *
 * @param raisedAt device time when the alarm was raised
 * @param receivedAt gateway time when it arrived
 * @param late true when it arrived through store-and-forward rather than live
 * @param tripId null outside a trip
 * @param position null when the device never had a fix
 * @param evidence media ids, possibly empty
 * @param details type-specific values: strings, numbers, booleans, nulls, lists and maps of them
 * @param progress count, last change, escalation level and who acknowledged or resolved it
 */
public record ControlAlert(
    String alertId,
    AlertType type,
    Severity severity,
    AlertState state,
    String vehicleId,
    String deviceId,
    String tripId,
    Instant raisedAt,
    Instant receivedAt,
    boolean late,
    AlertPosition position,
    List<String> evidence,
    Map<String, Object> details,
    AlertProgress progress) {

  /** A newly raised alert ({@link AlertProgress#first}). */
  public ControlAlert(
      String alertId,
      AlertType type,
      Severity severity,
      AlertState state,
      String vehicleId,
      String deviceId,
      String tripId,
      Instant raisedAt,
      Instant receivedAt,
      boolean late,
      AlertPosition position,
      List<String> evidence,
      Map<String, Object> details) {
    this(
        alertId,
        type,
        severity,
        state,
        vehicleId,
        deviceId,
        tripId,
        raisedAt,
        receivedAt,
        late,
        position,
        evidence,
        details,
        AlertProgress.first(raisedAt, receivedAt));
  }

  public ControlAlert {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(vehicleId, "vehicleId");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(raisedAt, "raisedAt");
    Objects.requireNonNull(receivedAt, "receivedAt");
    evidence = List.copyOf(Objects.requireNonNull(evidence, "evidence"));
    details = copyMap(Objects.requireNonNull(details, "details"), "details");
    Objects.requireNonNull(progress, "progress");
  }

  /** This alert in another state, with its progress as given. */
  public ControlAlert with(AlertState newState, AlertProgress newProgress) {
    return new ControlAlert(
        alertId,
        type,
        severity,
        newState,
        vehicleId,
        deviceId,
        tripId,
        raisedAt,
        receivedAt,
        late,
        position,
        evidence,
        details,
        newProgress);
  }

  /** This alert with a newer position (a repeat of the alarm merged into it). */
  public ControlAlert withPosition(AlertPosition newPosition) {
    return new ControlAlert(
        alertId,
        type,
        severity,
        state,
        vehicleId,
        deviceId,
        tripId,
        raisedAt,
        receivedAt,
        late,
        newPosition,
        evidence,
        details,
        progress);
  }

  /**
   * A deep, immutable, order-preserving copy of a JSON-like value. Unlike {@link Map#copyOf} it
   * keeps the order of the keys (so the JSON reads as it was built) and allows null values.
   */
  private static Object copyValue(Object value, String path) {
    if ((value instanceof Double d && !Double.isFinite(d))
        || (value instanceof Float f && !Float.isFinite(f))) {
      throw new IllegalArgumentException(path + " is " + value + ", which has no JSON form");
    }
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Number) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      return copyMap(map, path);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        copy.add(copyValue(list.get(i), path + "[" + i + "]"));
      }
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException(
        path + " holds a " + value.getClass().getName() + ", which has no JSON form");
  }

  private static Map<String, Object> copyMap(Map<?, ?> map, String path) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        throw new IllegalArgumentException(path + " has a key that is not a string");
      }
      copy.put(key, copyValue(entry.getValue(), path + "." + key));
    }
    return Collections.unmodifiableMap(copy);
  }
}
