package dev.vigil.protocol;

import dev.vigil.protocol.alert.Severity;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The MQTT topic names (ARCHITECTURE.md, "MQTT topics"). Ids that appear in topics are restricted
 * to {@code [A-Za-z0-9._-]}, 1 to 64 characters, not starting with '.': no wildcard ('#', '+'), no
 * level separator ('/'), no '$' (reserved by brokers), so one id is always exactly one level.
 */
public final class Topics {
  public static final String PREFIX = "vigil/v1";
  public static final String CONTROL_ALERTS_FILTER = PREFIX + "/control/alerts/#";
  public static final String CONTROL_ACK = PREFIX + "/control/ack";
  public static final String UP_FILTER = PREFIX + "/d/+/up/#";
  public static final String STATE_FILTER = PREFIX + "/d/+/state";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");
  private static final String DEVICES = PREFIX + "/d/";

  private Topics() {}

  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  public static String up(String deviceId, UpKind kind) {
    return DEVICES + checked(deviceId, "device") + "/up/" + kind.wire();
  }

  public static String down(String deviceId, DownKind kind) {
    return DEVICES + checked(deviceId, "device") + "/down/" + kind.wire();
  }

  public static String state(String deviceId) {
    return DEVICES + checked(deviceId, "device") + "/state";
  }

  public static String controlAlert(Severity severity, String vehicleId) {
    return PREFIX
        + "/control/alerts/"
        + severity.topicSegment()
        + "/"
        + checked(vehicleId, "vehicle");
  }

  /** The filter N gateways share so that each uplink message goes to exactly one of them. */
  public static String sharedUpFilter(String group) {
    return "$share/" + checked(group, "share group") + "/" + UP_FILTER;
  }

  /** {@code vigil/v1/d/{deviceId}/up/{kind}} with a valid id and a known kind; else empty. */
  public static Optional<UpTopic> parseUp(String topic) {
    if (topic == null || !topic.startsWith(DEVICES)) {
      return Optional.empty();
    }
    String[] levels = topic.substring(DEVICES.length()).split("/", -1);
    if (levels.length != 3 || !levels[1].equals("up") || !isValidId(levels[0])) {
      return Optional.empty();
    }
    return UpKind.fromWire(levels[2]).map(kind -> new UpTopic(levels[0], kind));
  }

  private static String checked(String id, String what) {
    if (!isValidId(id)) {
      throw new IllegalArgumentException("invalid " + what + " id: '" + id + "'");
    }
    return id;
  }
}
