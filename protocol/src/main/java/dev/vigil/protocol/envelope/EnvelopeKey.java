package dev.vigil.protocol.envelope;

import dev.vigil.protocol.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit payload key of one device, key epoch and direction.
 *
 * <p>Derivation: {@code z = ECDH-P256(own private, peer public)}; {@code key = HKDF-SHA256(salt =
 * "vigil/v1 envelope", ikm = z, info = "vigil/v1|" + deviceId + "|" + epoch + "|" + direction,
 * 32)}, where epoch is decimal and direction is {@code UPLINK} or {@code DOWNLINK}. The device uses
 * (device private, gateway public), the gateway (gateway private, device public); both get the same
 * key. {@code keyId} is the first four bytes, big-endian, of {@code SHA-256("vigil/v1 key id" ||
 * key)}: it names the key in the envelope header without revealing it.
 *
 * @param key 32 bytes; its algorithm name does not matter
 * @param keyId must be the key id of {@code key}
 */
public record EnvelopeKey(
    String deviceId, int epoch, Direction direction, SecretKey key, int keyId) {
  static final int KEY_BYTES = 32;
  private static final byte[] SALT = "vigil/v1 envelope".getBytes(StandardCharsets.UTF_8);
  private static final byte[] KEY_ID_LABEL = "vigil/v1 key id".getBytes(StandardCharsets.UTF_8);

  public EnvelopeKey {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(key, "key");
    if (!Topics.isValidId(deviceId)) {
      throw new IllegalArgumentException("invalid device id: " + deviceId);
    }
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0: " + epoch);
    }
    byte[] raw = key.getEncoded();
    if (raw == null || raw.length != KEY_BYTES) {
      throw new IllegalArgumentException("envelope key must be " + KEY_BYTES + " bytes");
    }
    if (keyId != keyIdOf(raw)) {
      throw new IllegalArgumentException("keyId does not belong to this key");
    }
    Arrays.fill(raw, (byte) 0);
  }

  /** Derives the key both sides agree on; see the class comment. */
  public static EnvelopeKey derive(
      PrivateKey own, PublicKey peer, String deviceId, int epoch, Direction direction) {
    Objects.requireNonNull(own, "own");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(direction, "direction");
    if (!Topics.isValidId(deviceId)) {
      throw new IllegalArgumentException("invalid device id: " + deviceId);
    }
    byte[] shared = ecdh(own, peer);
    byte[] info =
        ("vigil/v1|" + deviceId + "|" + epoch + "|" + direction).getBytes(StandardCharsets.UTF_8);
    byte[] raw = Hkdf.derive(SALT, shared, info, KEY_BYTES);
    Arrays.fill(shared, (byte) 0);
    SecretKey key = new SecretKeySpec(raw, Suite.AES_256_GCM.keyAlgorithm());
    int keyId = keyIdOf(raw);
    Arrays.fill(raw, (byte) 0);
    return new EnvelopeKey(deviceId, epoch, direction, key, keyId);
  }

  /** The key id of raw key bytes; see the class comment. */
  static int keyIdOf(byte[] raw) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(KEY_ID_LABEL);
      return ByteBuffer.wrap(sha256.digest(raw)).getInt();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static byte[] ecdh(PrivateKey own, PublicKey peer) {
    try {
      KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
      agreement.init(own);
      agreement.doPhase(peer, true);
      return agreement.generateSecret();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("ECDH failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "EnvelopeKey[deviceId="
        + deviceId
        + ", epoch="
        + epoch
        + ", direction="
        + direction
        + ", keyId="
        + String.format("%08x", keyId)
        + "]";
  }
}
