package dev.vigil.gateway.ingest;

import dev.vigil.protocol.envelope.Rejection;

/** Why an uplink message was dropped without storing anything. Each is counted and logged. */
public enum DropReason {
  /** Not a {@code vigil/v1/d/{deviceId}/up/{kind}} topic, or an id with forbidden characters. */
  BAD_TOPIC,
  UNKNOWN_DEVICE,
  REVOKED_DEVICE,
  /** The envelope opened, but the plaintext is not the message its topic kind names. */
  UNDECODABLE,
  /** A kind this gateway version does not store yet (media). */
  UNSUPPORTED_KIND,
  TRUNCATED,
  UNSUPPORTED_VERSION,
  UNSUPPORTED_SUITE,
  CORRUPT_HEADER,
  /** The envelope was sealed for another topic: moved, or published on another device's topic. */
  WRONG_TOPIC,
  UNKNOWN_KEY_EPOCH,
  WRONG_KEY,
  AUTHENTICATION_FAILED;

  static DropReason of(Rejection rejection) {
    return valueOf(rejection.name());
  }
}
