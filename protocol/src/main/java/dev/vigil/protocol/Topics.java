package dev.vigil.protocol;

import dev.vigil.protocol.alert.Severity;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * MQTT topic names shared by device, gateway and control room (ARCHITECTURE.md, "MQTT topics").
 *
 * <p>Identifiers placed into a topic level are restricted to 1..64 characters of {@code
 * [A-Za-z0-9._-]}, not starting with '.', so that an id can never add a level ('/'), act as a
 * wildcard ('+', '#'), address a system or shared topic ('$') or be empty.
 */
public final class Topics {
  public static final String PREFIX = "vigil/v1";
  public static final String CONTROL_ALERTS_FILTER = PREFIX + "/control/alerts/#";
  public static final String CONTROL_ACK = PREFIX + "/control/ack";

  /**
   * Where the gateway answers each well-formed request it took from {@link #CONTROL_ACK}: its
   * outcome, so a desk can show a refusal (unknown alert, a state that forbids it) that would
   * otherwise never come back as an alert change.
   */
  public static final String CONTROL_ACK_RESULT = PREFIX + "/control/ack-result";

  public static final String UP_FILTER = PREFIX + "/d/+/up/#";
  public static final String STATE_FILTER = PREFIX + "/d/+/state";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");
  private static final int QUOTE_LIMIT = 80;

  private Topics() {}

  /** {@code vigil/v1/d/{deviceId}/up/{kind}}: where a device publishes its records. */
  public static String up(String deviceId, UpKind kind) {
    Objects.requireNonNull(kind, "kind");
    return devicePrefix(deviceId) + "/up/" + kind.wire();
  }

  /** {@code vigil/v1/d/{deviceId}/down/{kind}}: where the gateway talks to one device. */
  public static String down(String deviceId, DownKind kind) {
    Objects.requireNonNull(kind, "kind");
    return devicePrefix(deviceId) + "/down/" + kind.wire();
  }

  /** {@code vigil/v1/d/{deviceId}/state}: the device's retained birth and last-will status. */
  public static String state(String deviceId) {
    return devicePrefix(deviceId) + "/state";
  }

  /** {@code vigil/v1/control/alerts/{severity}/{vehicleId}}, severity in lower case. */
  public static String controlAlert(Severity severity, String vehicleId) {
    Objects.requireNonNull(severity, "severity");
    if (!isValidId(vehicleId)) {
      throw new IllegalArgumentException("invalid vehicle id: " + quote(vehicleId));
    }
    return PREFIX + "/control/alerts/" + severity.topicSegment() + "/" + vehicleId;
  }

  /**
   * The uplink filter as an MQTT 5 shared subscription, {@code $share/{group}/vigil/v1/d/+/up/#},
   * so that N gateways split the device traffic between them. The group follows the id rules.
   */
  public static String sharedUpFilter(String group) {
    if (!isValidId(group)) {
      throw new IllegalArgumentException("invalid share group: " + quote(group));
    }
    return "$share/" + group + "/" + UP_FILTER;
  }

  /** The filter for one kind of uplink from every device: {@code vigil/v1/d/+/up/{kind}}. */
  public static String upFilter(UpKind kind) {
    return PREFIX + "/d/+/up/" + kind.wire();
  }

  /**
   * The shared filter for one kind of uplink, {@code $share/{group}/vigil/v1/d/+/up/{kind}}: lets a
   * gateway take alarms on a connection of their own, so they never queue behind telemetry in the
   * broker.
   */
  public static String sharedUpFilter(String group, UpKind kind) {
    if (!isValidId(group)) {
      throw new IllegalArgumentException("invalid share group: " + quote(group));
    }
    return "$share/" + group + "/" + upFilter(kind);
  }

  /**
   * Parses {@code vigil/v1/d/{deviceId}/up/{kind}}. Empty for any other topic: another prefix, a
   * downlink or state topic, an unknown kind, an invalid device id, or extra or missing levels.
   */
  public static Optional<UpTopic> parseUp(String topic) {
    if (topic == null || !topic.startsWith(PREFIX + "/d/")) {
      return Optional.empty();
    }
    String[] levels = topic.split("/", -1);
    if (levels.length != 6 || !"up".equals(levels[4]) || !isValidId(levels[3])) {
      return Optional.empty();
    }
    return UpKind.fromWire(levels[5]).map(kind -> new UpTopic(levels[3], kind));
  }

  /** True when {@code id} may be used as a device id, vehicle id or share group in a topic. */
  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  private static String devicePrefix(String deviceId) {
    if (!isValidId(deviceId)) {
      throw new IllegalArgumentException("invalid device id: " + quote(deviceId));
    }
    return PREFIX + "/d/" + deviceId;
  }

  /** Quotes an untrusted id for an error message, shortened so a huge input stays readable. */
  static String quote(String id) {
    if (id == null) {
      return "null";
    }
    String shown = id.length() > QUOTE_LIMIT ? id.substring(0, QUOTE_LIMIT) + "..." : id;
    return "'" + shown + "'";
  }
}
