package dev.vigil.protocol.envelope;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A payload key: one device, one key epoch, one direction. Derived with P-256 ECDH between the
 * device's key pair and the gateway's, then HKDF-SHA256 (salt {@code "vigil/v1 envelope"}, info
 * {@code "vigil/v1|deviceId|epoch|DIRECTION"}, 32 bytes). The device derives with its private key
 * and the gateway's public key, the gateway with the reverse; both get the same key.
 *
 * @param keyId the first 4 bytes of SHA-256({@code "vigil/v1 key id"} || key): names the key in the
 *     envelope header without revealing it
 */
public record EnvelopeKey(
    String deviceId, int epoch, Direction direction, SecretKey key, int keyId) {
  private static final byte[] SALT = "vigil/v1 envelope".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] KEY_ID_LABEL = "vigil/v1 key id".getBytes(StandardCharsets.US_ASCII);

  public static EnvelopeKey derive(
      PrivateKey own, PublicKey peer, String deviceId, int epoch, Direction direction) {
    byte[] shared;
    try {
      KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
      agreement.init(own);
      agreement.doPhase(peer, true);
      shared = agreement.generateSecret();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("ECDH failed: " + e.getMessage(), e);
    }
    byte[] info =
        ("vigil/v1|" + deviceId + "|" + epoch + "|" + direction).getBytes(StandardCharsets.UTF_8);
    byte[] keyBytes = Hkdf.derive(SALT, shared, info, 32);
    return new EnvelopeKey(
        deviceId, epoch, direction, new SecretKeySpec(keyBytes, "AES"), keyIdOf(keyBytes));
  }

  static int keyIdOf(byte[] keyBytes) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(KEY_ID_LABEL);
      return ByteBuffer.wrap(sha.digest(keyBytes)).getInt();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
