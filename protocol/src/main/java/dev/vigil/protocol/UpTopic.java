package dev.vigil.protocol;

import java.util.Objects;

/** A parsed uplink topic: which device published, and what kind of record the payload holds. */
public record UpTopic(String deviceId, UpKind kind) {
  public UpTopic {
    Objects.requireNonNull(kind, "kind");
    if (!Topics.isValidId(deviceId)) {
      throw new IllegalArgumentException("invalid device id: " + Topics.quote(deviceId));
    }
  }
}
