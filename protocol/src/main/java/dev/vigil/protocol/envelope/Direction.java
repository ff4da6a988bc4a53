package dev.vigil.protocol.envelope;

/**
 * Which way a message travels. Each direction has its own key, so the device's and the gateway's
 * sequence counters never share a nonce space.
 */
public enum Direction {
  UPLINK,
  DOWNLINK
}
