package dev.vigil.protocol;

import java.util.Optional;

/** The last level of an uplink topic, {@code vigil/v1/d/{deviceId}/up/{kind}}. */
public enum UpKind {
  POS("pos"),
  EVT("evt"),
  ALARM("alarm"),
  HEALTH("health"),
  MEDIA("media"),
  ACK("ack");

  private final String wire;

  UpKind(String wire) {
    this.wire = wire;
  }

  /** The topic level as it appears on the wire. */
  public String wire() {
    return wire;
  }

  /** The kind whose wire name is exactly {@code wire} (case-sensitive), if any. */
  public static Optional<UpKind> fromWire(String wire) {
    for (UpKind kind : values()) {
      if (kind.wire.equals(wire)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
