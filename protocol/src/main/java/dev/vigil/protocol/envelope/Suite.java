package dev.vigil.protocol.envelope;

import java.util.Optional;

/**
 * The AEAD of an envelope, both from the JDK: AES-256-GCM where the CPU has AES instructions,
 * ChaCha20-Poly1305 where it has not (the Raspberry Pi 4). Both take a 12-byte nonce and append a
 * 16-byte tag.
 */
public enum Suite {
  AES_256_GCM(1, "AES/GCM/NoPadding"),
  CHACHA20_POLY1305(2, "ChaCha20-Poly1305");

  private final int id;
  private final String transformation;

  Suite(int id, String transformation) {
    this.id = id;
    this.transformation = transformation;
  }

  public int id() {
    return id;
  }

  String transformation() {
    return transformation;
  }

  public static Optional<Suite> byId(int id) {
    for (Suite suite : values()) {
      if (suite.id == id) {
        return Optional.of(suite);
      }
    }
    return Optional.empty();
  }
}
