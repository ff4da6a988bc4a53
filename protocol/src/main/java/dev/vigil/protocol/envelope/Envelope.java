package dev.vigil.protocol.envelope;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.spec.AlgorithmParameterSpec;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.zip.CRC32C;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope v1: one device-gateway message, sealed with an AEAD under an {@link EnvelopeKey}.
 *
 * <p>Wire layout, all integers unsigned and big-endian:
 *
 * <pre>
 * offset size field
 *      0    1 version           1
 *      1    1 suite             {@link Suite#id()}: 1 AES-256-GCM, 2 ChaCha20-Poly1305
 *      2    4 keyId             {@link EnvelopeKey#keyId()}
 *      6    4 epoch             key epoch
 *     10    8 seq               per-device, per-direction sequence number, never reused under a key
 *     18    4 topicTag          first 4 bytes of SHA-256(UTF-8 topic)
 *     22    2 ciphertextLength  bytes after the header: ciphertext plus the 16-byte tag
 *     24    4 headerCrc         CRC-32C of bytes 0..23
 *     28    n ciphertext || tag n = ciphertextLength
 * </pre>
 *
 * <p>Nonce (12 bytes): direction as u32 (0 uplink, 1 downlink) followed by seq as u64. Associated
 * data: the 28 header bytes followed by the UTF-8 topic, so a message moved to another topic or
 * with any altered header byte fails authentication even where the cheap checks pass. The CRC only
 * tells a damaged header from a forged one; it protects nothing.
 *
 * <p>{@link #open} runs its checks in the order of {@link Rejection} and answers the first that
 * fails. Bytes after the declared ciphertext are refused as {@link Rejection#CORRUPT_HEADER}: the
 * header does not describe the message. Cipher instances are kept per thread.
 */
public final class Envelope {
  public static final int VERSION = 1;
  public static final int HEADER_BYTES = 28;
  public static final int TAG_BYTES = 16;
  public static final int MAX_PLAINTEXT_BYTES = 0xFFFF - TAG_BYTES;

  private static final int CRC_OFFSET = 24;
  private static final int NONCE_BYTES = 12;

  private static final ThreadLocal<Map<Suite, Cipher>> CIPHERS =
      ThreadLocal.withInitial(() -> new EnumMap<>(Suite.class));
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(Envelope::sha256);

  private Envelope() {}

  /**
   * Seals {@code plaintext} for {@code topic}. The caller guarantees that {@code seq} is never used
   * twice under one key with different plaintexts.
   *
   * @throws IllegalArgumentException when seq is negative or the plaintext is longer than {@link
   *     #MAX_PLAINTEXT_BYTES}
   */
  public static byte[] seal(
      EnvelopeKey key, Suite suite, String topic, long seq, byte[] plaintext) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(plaintext, "plaintext");
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be >= 0: " + seq);
    }
    if (plaintext.length > MAX_PLAINTEXT_BYTES) {
      throw new IllegalArgumentException(
          "plaintext is " + plaintext.length + " bytes, at most " + MAX_PLAINTEXT_BYTES + " fit");
    }
    byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
    int ciphertextLength = plaintext.length + TAG_BYTES;
    byte[] out = new byte[HEADER_BYTES + ciphertextLength];
    ByteBuffer.wrap(out)
        .put((byte) VERSION)
        .put((byte) suite.id())
        .putInt(key.keyId())
        .putInt(key.epoch())
        .putLong(seq)
        .putInt(topicTag(topicBytes))
        .putShort((short) ciphertextLength)
        .putInt(crc(out));
    try {
      Cipher cipher = initialised(Cipher.ENCRYPT_MODE, suite, key, seq);
      cipher.updateAAD(out, 0, HEADER_BYTES);
      cipher.updateAAD(topicBytes);
      cipher.doFinal(plaintext, 0, plaintext.length, out, HEADER_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal with " + suite, e);
    }
    return out;
  }

  /**
   * Opens a message received on {@code topic}. Never throws for any message bytes; every refusal is
   * a {@link Rejected} with its reason.
   *
   * @param keyForEpoch the caller's key for the device of this topic at a key epoch, if it has one
   */
  public static OpenResult open(
      String topic, byte[] message, IntFunction<Optional<EnvelopeKey>> keyForEpoch) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(keyForEpoch, "keyForEpoch");
    if (message.length < HEADER_BYTES) {
      return reject(Rejection.TRUNCATED, "%d bytes, shorter than the header", message.length);
    }
    ByteBuffer in = ByteBuffer.wrap(message);
    int version = in.get(0) & 0xFF;
    if (version != VERSION) {
      return reject(Rejection.UNSUPPORTED_VERSION, "version %d", version);
    }
    if (in.getInt(CRC_OFFSET) != crc(message)) {
      return reject(Rejection.CORRUPT_HEADER, "header checksum mismatch");
    }
    Optional<Suite> suite = Suite.byId(in.get(1) & 0xFF);
    if (suite.isEmpty()) {
      return reject(Rejection.UNSUPPORTED_SUITE, "suite %d", in.get(1) & 0xFF);
    }
    EnvelopeHeader header =
        new EnvelopeHeader(
            version,
            suite.get(),
            in.getInt(2),
            in.getInt(6),
            in.getLong(10),
            in.getInt(18),
            in.getShort(22) & 0xFFFF);
    Rejected framing = checkFraming(header, message.length - HEADER_BYTES);
    if (framing != null) {
      return framing;
    }
    if (header.topicTag() != topicTag(topic.getBytes(StandardCharsets.UTF_8))) {
      return reject(Rejection.WRONG_TOPIC, "header was sealed for another topic");
    }
    return decrypt(topic, message, header, keyForEpoch.apply(header.epoch()));
  }

  /** The first four bytes, big-endian, of SHA-256 of the UTF-8 topic. */
  public static int topicTag(String topic) {
    return topicTag(topic.getBytes(StandardCharsets.UTF_8));
  }

  private static Rejected checkFraming(EnvelopeHeader header, int bodyLength) {
    int declared = header.ciphertextLength();
    if (declared < TAG_BYTES) {
      return reject(
          Rejection.CORRUPT_HEADER, "ciphertext length %d is shorter than a tag", declared);
    }
    if (bodyLength < declared) {
      return reject(Rejection.TRUNCATED, "%d of %d ciphertext bytes", bodyLength, declared);
    }
    if (bodyLength > declared) {
      return reject(
          Rejection.CORRUPT_HEADER,
          "%d bytes trail the declared ciphertext",
          bodyLength - declared);
    }
    return null;
  }

  private static OpenResult decrypt(
      String topic, byte[] message, EnvelopeHeader header, Optional<EnvelopeKey> found) {
    if (found == null || found.isEmpty()) {
      return reject(
          Rejection.UNKNOWN_KEY_EPOCH,
          "no key for epoch %s",
          Integer.toUnsignedString(header.epoch()));
    }
    EnvelopeKey key = found.get();
    if (key.keyId() != header.keyId()) {
      return reject(
          Rejection.WRONG_KEY, "header key id %08x, expected %08x", header.keyId(), key.keyId());
    }
    Cipher cipher;
    try {
      cipher = initialised(Cipher.DECRYPT_MODE, header.suite(), key, header.seq());
    } catch (GeneralSecurityException e) {
      // Not reachable with a valid EnvelopeKey; reported rather than thrown to keep open total.
      return reject(Rejection.WRONG_KEY, "key unusable for %s: %s", header.suite(), e);
    }
    try {
      cipher.updateAAD(message, 0, HEADER_BYTES);
      cipher.updateAAD(topic.getBytes(StandardCharsets.UTF_8));
      byte[] plaintext = cipher.doFinal(message, HEADER_BYTES, header.ciphertextLength());
      return new Opened(header, plaintext);
    } catch (GeneralSecurityException e) {
      return reject(Rejection.AUTHENTICATION_FAILED, "%s", e.getClass().getSimpleName());
    }
  }

  /**
   * The thread's cipher for {@code suite}, initialised. The JDK refuses to initialise an instance
   * with the key and nonce it was last initialised with (AES-GCM when encrypting, ChaCha20-Poly1305
   * in both modes), to catch nonce reuse. Here that is legitimate: the gateway opens a redelivered
   * message again, and sealing the same message again gives the same bytes. So that case falls back
   * to a fresh instance; keeping seq unique under a key is the sealer's duty (see {@link #seal}).
   */
  private static Cipher initialised(int mode, Suite suite, EnvelopeKey key, long seq)
      throws GeneralSecurityException {
    Key cipherKey = cipherKey(suite, key);
    AlgorithmParameterSpec params = params(suite, key.direction(), seq);
    Cipher cipher = cipher(suite);
    try {
      cipher.init(mode, cipherKey, params);
      return cipher;
    } catch (InvalidKeyException | InvalidAlgorithmParameterException sameKeyAndNonce) {
      Cipher fresh = Cipher.getInstance(suite.transformation());
      fresh.init(mode, cipherKey, params);
      return fresh;
    }
  }

  private static Cipher cipher(Suite suite) throws GeneralSecurityException {
    Map<Suite, Cipher> ciphers = CIPHERS.get();
    Cipher cipher = ciphers.get(suite);
    if (cipher == null) {
      cipher = Cipher.getInstance(suite.transformation());
      ciphers.put(suite, cipher);
    }
    return cipher;
  }

  private static Key cipherKey(Suite suite, EnvelopeKey key) {
    if (key.key().getAlgorithm().equalsIgnoreCase(suite.keyAlgorithm())) {
      return key.key();
    }
    return new SecretKeySpec(key.key().getEncoded(), suite.keyAlgorithm());
  }

  private static AlgorithmParameterSpec params(Suite suite, Direction direction, long seq) {
    byte[] nonce =
        ByteBuffer.allocate(NONCE_BYTES).putInt(direction.noncePrefix()).putLong(seq).array();
    return suite == Suite.AES_256_GCM
        ? new GCMParameterSpec(TAG_BYTES * 8, nonce)
        : new IvParameterSpec(nonce);
  }

  private static int crc(byte[] message) {
    CRC32C crc = new CRC32C();
    crc.update(message, 0, CRC_OFFSET);
    return (int) crc.getValue();
  }

  private static int topicTag(byte[] topic) {
    MessageDigest sha256 = SHA256.get();
    return ByteBuffer.wrap(sha256.digest(topic)).getInt();
  }

  private static Rejected reject(Rejection reason, String format, Object... args) {
    return new Rejected(reason, String.format(format, args));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
