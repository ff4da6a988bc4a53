package dev.vigil.protocol.envelope;

/** Why {@link Envelope#open} refused a message, in the order the checks run. */
public enum Rejection {
  /** Shorter than the header, or shorter than the ciphertext length the header declares. */
  TRUNCATED,
  /** The version byte is not 1. */
  UNSUPPORTED_VERSION,
  /** The header checksum fails, the declared length is impossible, or bytes trail the message. */
  CORRUPT_HEADER,
  /** The suite byte names no known cipher. */
  UNSUPPORTED_SUITE,
  /** The header was sealed for another topic. */
  WRONG_TOPIC,
  /** The caller has no key for the header's key epoch. */
  UNKNOWN_KEY_EPOCH,
  /** The header names another key than the caller's key for that epoch. */
  WRONG_KEY,
  /** The AEAD tag does not verify: the message or its header was altered, or forged. */
  AUTHENTICATION_FAILED
}
