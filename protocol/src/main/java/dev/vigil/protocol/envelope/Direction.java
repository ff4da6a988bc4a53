package dev.vigil.protocol.envelope;

/**
 * Which way a sealed message travels. Each direction has its own key and its own nonce prefix, so
 * the device's and the gateway's sequence counters never share a nonce space.
 */
public enum Direction {
  /** Device to gateway; nonce prefix 0. */
  UPLINK,
  /** Gateway to device; nonce prefix 1. */
  DOWNLINK;

  /** The first four bytes of every nonce in this direction, as a big-endian integer. */
  int noncePrefix() {
    return ordinal();
  }
}
