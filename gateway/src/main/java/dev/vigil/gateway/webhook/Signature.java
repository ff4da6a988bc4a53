package dev.vigil.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code X-Vigil-Signature: sha256=<hex>} where hex is the lower-case
 * HMAC-SHA256, keyed with the shared secret, of the ASCII decimal {@code X-Vigil-Timestamp} (Unix
 * seconds), one {@code .}, and the body bytes exactly as sent. Covering the timestamp lets a
 * receiver refuse an old request replayed by someone who captured it.
 */
public final class Signature {
  public static final String TIMESTAMP_HEADER = "X-Vigil-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Vigil-Signature";
  public static final String DELIVERY_HEADER = "X-Vigil-Delivery";
  private static final String PREFIX = "sha256=";

  private final SecretKeySpec key;

  public Signature(byte[] secret) {
    if (secret.length == 0) {
      throw new IllegalArgumentException("an empty webhook secret");
    }
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** The {@code X-Vigil-Signature} value for a request sent at {@code timestampS}. */
  public String header(long timestampS, byte[] body) {
    byte[] signed = (timestampS + ".").getBytes(StandardCharsets.US_ASCII);
    byte[] joined = new byte[signed.length + body.length];
    System.arraycopy(signed, 0, joined, 0, signed.length);
    System.arraycopy(body, 0, joined, signed.length, body.length);
    return PREFIX + HexFormat.of().formatHex(hmac(key, joined));
  }

  /**
   * True when {@code header} is this secret's signature of the request; compared in constant time.
   */
  public boolean verifies(String header, long timestampS, byte[] body) {
    byte[] expected = header(timestampS, body).getBytes(StandardCharsets.US_ASCII);
    return header != null
        && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.US_ASCII));
  }

  /** HMAC-SHA256 of {@code data}: the bare primitive, exposed so tests can hold it to RFC 4231. */
  static byte[] hmac(SecretKeySpec key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  /**
   * The idempotency key of a body: 128 bits of its SHA-256, in hex. The same alert change handed to
   * the sink twice (a republish after a crash) is one delivery, so a receiver can drop repeats.
   */
  public static String deliveryId(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
