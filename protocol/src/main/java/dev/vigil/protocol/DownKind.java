package dev.vigil.protocol;

import java.util.Optional;

/** What the gateway sends a device under {@code vigil/v1/d/{deviceId}/down/{kind}}. */
public enum DownKind {
  CMD("cmd"),
  CONFIG("config"),
  TRIP("trip"),
  ALARM_ACK("alarm-ack"),
  /** End-to-end acknowledgement: the gateway committed these sequence numbers. */
  ACK("ack");

  private final String wire;

  DownKind(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<DownKind> fromWire(String wire) {
    for (DownKind kind : values()) {
      if (kind.wire.equals(wire)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
