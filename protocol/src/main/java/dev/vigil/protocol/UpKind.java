package dev.vigil.protocol;

import java.util.Optional;

/** What a device publishes under {@code vigil/v1/d/{deviceId}/up/{kind}}. */
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

  public String wire() {
    return wire;
  }

  public static Optional<UpKind> fromWire(String wire) {
    for (UpKind kind : values()) {
      if (kind.wire.equals(wire)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
