package dev.vigil.protocol.envelope;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.zip.CRC32C;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope v1: a 28-byte clear header followed by AEAD ciphertext (with its 16-byte tag).
 *
 * <pre>
 * offset size  field            (big-endian)
 *  0     1     version          1
 *  1     1     suite            1 = AES-256-GCM, 2 = ChaCha20-Poly1305
 *  2     4     keyId            names the payload key ({@link EnvelopeKey#keyId})
 *  6     4     epoch            key epoch
 * 10     8     seq              per-device, per-direction sequence number; never repeats per key
 * 18     4     topicTag         first 4 bytes of SHA-256(UTF-8 topic)
 * 22     2     ciphertextLength bytes after the header, tag included
 * 24     4     headerCrc        CRC-32C of bytes 0..23
 * 28     n     ciphertext || tag
 * </pre>
 *
 * The nonce is 4 bytes of direction (0 uplink, 1 downlink) followed by the 8-byte seq. The
 * associated data is the 28 header bytes followed by the UTF-8 topic, so the header and the topic
 * are authenticated. The topic tag and header checksum are not security: they let a rejection say
 * why (moved to another topic, damaged header) instead of only that authentication failed.
 */
public final class Envelope {
  public static final int VERSION = 1;
  public static final int HEADER_BYTES = 28;
  public static final int TAG_BYTES = 16;
  public static final int MAX_PLAINTEXT_BYTES = 0xFFFF - TAG_BYTES;

  private static final ThreadLocal<Map<Suite, Cipher>> OPENERS =
      ThreadLocal.withInitial(() -> new EnumMap<>(Suite.class));

  private Envelope() {}

  public static byte[] seal(
      EnvelopeKey key, Suite suite, String topic, long seq, byte[] plaintext) {
    if (seq < 0) {
      throw new IllegalArgumentException("sequence number must not be negative: " + seq);
    }
    if (plaintext.length > MAX_PLAINTEXT_BYTES) {
      throw new IllegalArgumentException("plaintext of " + plaintext.length + " bytes is too long");
    }
    int ciphertextLength = plaintext.length + TAG_BYTES;
    byte[] message = new byte[HEADER_BYTES + ciphertextLength];
    ByteBuffer header = ByteBuffer.wrap(message);
    header.put((byte) VERSION).put((byte) suite.id()).putInt(key.keyId()).putInt(key.epoch());
    header.putLong(seq).putInt(topicTag(topic)).putShort((short) ciphertextLength);
    header.putInt(crc(message));
    try {
      Cipher cipher = Cipher.getInstance(suite.transformation());
      cipher.init(
          Cipher.ENCRYPT_MODE, keyFor(suite, key.key()), nonce(suite, key.direction(), seq));
      cipher.updateAAD(message, 0, HEADER_BYTES);
      cipher.updateAAD(topic.getBytes(StandardCharsets.UTF_8));
      cipher.doFinal(plaintext, 0, plaintext.length, message, HEADER_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal with " + suite + ": " + e.getMessage(), e);
    }
    return message;
  }

  /**
   * Opens an envelope received on {@code topic}. Never throws for any bytes: every failure is a
   * {@link Rejected} naming the first check that failed.
   *
   * @param keyForEpoch the key the sender of this topic should have used for an epoch, if known
   */
  public static OpenResult open(
      String topic, byte[] message, IntFunction<Optional<EnvelopeKey>> keyForEpoch) {
    if (message.length < HEADER_BYTES) {
      return reject(Rejection.TRUNCATED, message.length + " bytes, header needs " + HEADER_BYTES);
    }
    ByteBuffer in = ByteBuffer.wrap(message);
    int version = in.get() & 0xFF;
    if (version != VERSION) {
      return reject(Rejection.UNSUPPORTED_VERSION, "version " + version);
    }
    if (in.getInt(24) != crc(message)) {
      return reject(Rejection.CORRUPT_HEADER, "header checksum mismatch");
    }
    int suiteId = in.get() & 0xFF;
    Optional<Suite> suite = Suite.byId(suiteId);
    if (suite.isEmpty()) {
      return reject(Rejection.UNSUPPORTED_SUITE, "suite " + suiteId);
    }
    EnvelopeHeader header =
        new EnvelopeHeader(
            version,
            suite.get(),
            in.getInt(),
            in.getInt(),
            in.getLong(),
            in.getInt(),
            in.getShort() & 0xFFFF);
    int body = message.length - HEADER_BYTES;
    if (body < header.ciphertextLength()) {
      return reject(Rejection.TRUNCATED, body + " of " + header.ciphertextLength() + " bytes");
    }
    if (header.topicTag() != topicTag(topic)) {
      return reject(Rejection.WRONG_TOPIC, "sealed for another topic than " + topic);
    }
    Optional<EnvelopeKey> key = keyForEpoch.apply(header.epoch());
    if (key.isEmpty()) {
      return reject(Rejection.UNKNOWN_KEY_EPOCH, "epoch " + header.epoch());
    }
    if (key.get().keyId() != header.keyId()) {
      return reject(Rejection.WRONG_KEY, "key id " + Integer.toHexString(header.keyId()));
    }
    return decrypt(topic, message, header, key.get());
  }

  private static OpenResult decrypt(
      String topic, byte[] message, EnvelopeHeader header, EnvelopeKey key) {
    int body = message.length - HEADER_BYTES;
    if (body != header.ciphertextLength() || body < TAG_BYTES) {
      return reject(
          Rejection.AUTHENTICATION_FAILED,
          body + " bytes where " + header.ciphertextLength() + " were declared");
    }
    try {
      Cipher cipher = opener(header.suite());
      cipher.init(
          Cipher.DECRYPT_MODE,
          keyFor(header.suite(), key.key()),
          nonce(header.suite(), key.direction(), header.seq()));
      cipher.updateAAD(message, 0, HEADER_BYTES);
      cipher.updateAAD(topic.getBytes(StandardCharsets.UTF_8));
      byte[] plaintext = cipher.doFinal(message, HEADER_BYTES, body);
      return new Opened(header, plaintext);
    } catch (AEADBadTagException e) {
      return reject(Rejection.AUTHENTICATION_FAILED, "tag does not verify");
    } catch (GeneralSecurityException | RuntimeException e) {
      return reject(Rejection.AUTHENTICATION_FAILED, e.getClass().getSimpleName());
    }
  }

  private static Cipher opener(Suite suite) throws GeneralSecurityException {
    Map<Suite, Cipher> ciphers = OPENERS.get();
    Cipher cipher = ciphers.get(suite);
    if (cipher == null) {
      cipher = Cipher.getInstance(suite.transformation());
      ciphers.put(suite, cipher);
    }
    return cipher;
  }

  private static SecretKey keyFor(Suite suite, SecretKey key) {
    return suite == Suite.CHACHA20_POLY1305 ? new SecretKeySpec(key.getEncoded(), "ChaCha20") : key;
  }

  private static java.security.spec.AlgorithmParameterSpec nonce(
      Suite suite, Direction direction, long seq) {
    byte[] nonce =
        ByteBuffer.allocate(12).putInt(direction == Direction.UPLINK ? 0 : 1).putLong(seq).array();
    return suite == Suite.AES_256_GCM
        ? new GCMParameterSpec(TAG_BYTES * 8, nonce)
        : new IvParameterSpec(nonce);
  }

  static int topicTag(String topic) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(topic.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getInt();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static int crc(byte[] message) {
    CRC32C crc = new CRC32C();
    crc.update(message, 0, 24);
    return (int) crc.getValue();
  }

  private static Rejected reject(Rejection reason, String detail) {
    return new Rejected(reason, detail);
  }
}
