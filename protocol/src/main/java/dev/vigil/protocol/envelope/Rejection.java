package dev.vigil.protocol.envelope;

/** Why an envelope was not opened. Checked in this order; the first that applies is reported. */
public enum Rejection {
  /** Shorter than its header, or than the ciphertext length the header declares. */
  TRUNCATED,
  UNSUPPORTED_VERSION,
  /** The header checksum does not match: bytes of the header changed on the way. */
  CORRUPT_HEADER,
  UNSUPPORTED_SUITE,
  /** Sealed for another topic: moved, or published on another device's topic. */
  WRONG_TOPIC,
  /** No key for the header's key epoch (retired, or not yet known). */
  UNKNOWN_KEY_EPOCH,
  /** Sealed under a key other than the one this topic's device has for that epoch. */
  WRONG_KEY,
  /** The ciphertext or its tag does not verify: changed, forged, or longer than declared. */
  AUTHENTICATION_FAILED
}
