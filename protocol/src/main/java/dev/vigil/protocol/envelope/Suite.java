package dev.vigil.protocol.envelope;

import java.util.Optional;

/**
 * The AEAD cipher of an envelope, by its wire id. Both use a 256-bit key, a 96-bit nonce and a
 * 128-bit tag, from the JDK's own providers. ChaCha20-Poly1305 is for CPUs without AES
 * instructions, such as the Raspberry Pi 4.
 */
public enum Suite {
  AES_256_GCM(1, "AES/GCM/NoPadding", "AES"),
  CHACHA20_POLY1305(2, "ChaCha20-Poly1305", "ChaCha20");

  private final int id;
  private final String transformation;
  private final String keyAlgorithm;

  Suite(int id, String transformation, String keyAlgorithm) {
    this.id = id;
    this.transformation = transformation;
    this.keyAlgorithm = keyAlgorithm;
  }

  /** The suite byte in the envelope header. */
  public int id() {
    return id;
  }

  /** The suite with this wire id, if any. */
  public static Optional<Suite> byId(int id) {
    for (Suite suite : values()) {
      if (suite.id == id) {
        return Optional.of(suite);
      }
    }
    return Optional.empty();
  }

  String transformation() {
    return transformation;
  }

  String keyAlgorithm() {
    return keyAlgorithm;
  }
}
