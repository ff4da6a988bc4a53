package dev.vigil.protocol.envelope;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA256 (RFC 5869): extract a pseudorandom key, then expand it to a length. */
final class Hkdf {
  private static final int HASH_LENGTH = 32;

  private Hkdf() {}

  static byte[] derive(byte[] salt, byte[] inputKeyMaterial, byte[] info, int length) {
    if (length <= 0 || length > 255 * HASH_LENGTH) {
      throw new IllegalArgumentException("HKDF output length out of range: " + length);
    }
    try {
      byte[] prk = hmac(salt.length == 0 ? new byte[HASH_LENGTH] : salt, inputKeyMaterial);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(prk, "HmacSHA256"));
      byte[] output = new byte[length];
      byte[] block = new byte[0];
      for (int counter = 1, offset = 0; offset < length; counter++) {
        mac.update(block);
        mac.update(info);
        mac.update((byte) counter);
        block = mac.doFinal();
        int take = Math.min(block.length, length - offset);
        System.arraycopy(block, 0, output, offset, take);
        offset += take;
      }
      return output;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }
}
