package dev.vigil.protocol;

import java.util.Optional;

/** The last level of a downlink topic, {@code vigil/v1/d/{deviceId}/down/{kind}}. */
public enum DownKind {
  CMD("cmd"),
  CONFIG("config"),
  TRIP("trip"),
  ALARM_ACK("alarm-ack"),
  /** The media store's answer to evidence: the byte ranges of a file it still lacks. */
  MEDIA_ACK("media-ack"),
  ACK("ack");

  private final String wire;

  DownKind(String wire) {
    this.wire = wire;
  }

  /** The topic level as it appears on the wire. */
  public String wire() {
    return wire;
  }

  /** The kind whose wire name is exactly {@code wire} (case-sensitive), if any. */
  public static Optional<DownKind> fromWire(String wire) {
    for (DownKind kind : values()) {
      if (kind.wire.equals(wire)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
