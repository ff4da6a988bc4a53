package dev.vigil.protocol.envelope;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA256 (RFC 5869). */
public final class Hkdf {
  private static final String HMAC = "HmacSHA256";
  private static final int HASH_LENGTH = 32;

  private Hkdf() {}

  /** Extract then expand: {@code length} bytes of output keying material. */
  public static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
    return expand(extract(salt, ikm), info, length);
  }

  /** HKDF-Extract: a pseudorandom key from input keying material. A null or empty salt is zeros. */
  public static byte[] extract(byte[] salt, byte[] ikm) {
    Objects.requireNonNull(ikm, "ikm");
    byte[] realSalt = salt == null || salt.length == 0 ? new byte[HASH_LENGTH] : salt;
    return mac(realSalt).doFinal(ikm);
  }

  /** HKDF-Expand: {@code length} bytes (at most 255 * 32) from a pseudorandom key. */
  public static byte[] expand(byte[] prk, byte[] info, int length) {
    Objects.requireNonNull(prk, "prk");
    if (length < 0 || length > 255 * HASH_LENGTH) {
      throw new IllegalArgumentException("HKDF-SHA256 output length out of range: " + length);
    }
    byte[] realInfo = info == null ? new byte[0] : info;
    Mac mac = mac(prk);
    byte[] okm = new byte[length];
    byte[] block = new byte[0];
    for (int done = 0, counter = 1; done < length; counter++) {
      mac.update(block);
      mac.update(realInfo);
      mac.update((byte) counter);
      block = mac.doFinal();
      int n = Math.min(block.length, length - done);
      System.arraycopy(block, 0, okm, done, n);
      done += n;
    }
    Arrays.fill(block, (byte) 0);
    return okm;
  }

  private static Mac mac(byte[] key) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac;
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("unusable HKDF key: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no " + HMAC, e);
    }
  }
}
