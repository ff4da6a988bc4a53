package dev.vigil.protocol.media;

import dev.vigil.protocol.envelope.Hkdf;
import dev.vigil.protocol.envelope.KeyPairs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sealed media v1: one recording (segment or snapshot) encrypted to the gateway's public key, so
 * the device that wrote it cannot read it back and a stolen SD card reveals nothing.
 *
 * <p>Layout, integers unsigned big-endian:
 *
 * <pre>
 * size  field
 *    4  magic "VGM1"
 *    1  kind             {@link MediaHeader.Kind} wire id
 *    8  startMs          first frame, device time, ms since the epoch
 *    4  durationMs       nominal duration
 *   32  plaintextSha256  SHA-256 of the recording
 *    4  plaintextBytes
 *    1  n, n bytes       source (camera or microphone name, UTF-8)
 *    1  m, m bytes       deviceId (UTF-8)
 *    1  k, k bytes       ephemeral public key, X.509 SubjectPublicKeyInfo DER, P-256
 *   12  nonce            random
 *    *  ciphertext || 16-byte GCM tag
 * </pre>
 *
 * <p>Key: {@code HKDF-SHA256(salt = "vigil/v1 sealed media", ikm = ECDH(ephemeral, gateway), info =
 * ephemeral DER, 32)}, AES-256-GCM, associated data = every byte before the ciphertext, so the
 * clear header cannot be altered. The header stays readable without the key: the device lists and
 * retains its recordings by it, and a manifest names plaintext hashes a court can check.
 */
public final class SealedMedia {
  static final byte[] MAGIC = "VGM1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SALT = "vigil/v1 sealed media".getBytes(StandardCharsets.UTF_8);
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private SealedMedia() {}

  /** Seals {@code plaintext}; {@code header}'s hash and length must describe it. */
  public static byte[] seal(PublicKey gateway, MediaHeader header, byte[] plaintext) {
    Objects.requireNonNull(gateway, "gateway");
    if (header.plaintextBytes() != plaintext.length
        || !Arrays.equals(header.plaintextSha256(), Hashes.sha256(plaintext))) {
      throw new IllegalArgumentException("header does not describe the plaintext");
    }
    KeyPair ephemeral = KeyPairs.generateP256();
    byte[] ephemeralDer = KeyPairs.encode(ephemeral.getPublic());
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] clear = MediaHeader.Codec.encode(header, ephemeralDer, nonce);
    byte[] key = key(ephemeral.getPrivate(), gateway, ephemeralDer);
    byte[] out = Arrays.copyOf(clear, clear.length + plaintext.length + TAG_BITS / 8);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce);
      cipher.updateAAD(clear);
      cipher.doFinal(plaintext, 0, plaintext.length, out, clear.length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal media", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    return out;
  }

  /** The clear header, readable without any key. */
  public static MediaHeader header(byte[] sealed) {
    return MediaHeader.Codec.decode(ByteBuffer.wrap(sealed)).header();
  }

  /**
   * Opens a sealed recording with the gateway's private key and checks its hash.
   *
   * @throws SealedMediaException when the file is damaged, altered or sealed to another key
   */
  public static byte[] open(PrivateKey gateway, byte[] sealed) {
    MediaHeader.Codec.Decoded decoded = MediaHeader.Codec.decode(ByteBuffer.wrap(sealed));
    PublicKey ephemeral = KeyPairs.decodePublic(decoded.ephemeralDer());
    byte[] key = key(gateway, ephemeral, decoded.ephemeralDer());
    byte[] plaintext;
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, decoded.nonce());
      cipher.updateAAD(sealed, 0, decoded.clearBytes());
      plaintext =
          cipher.doFinal(sealed, decoded.clearBytes(), sealed.length - decoded.clearBytes());
    } catch (GeneralSecurityException e) {
      throw new SealedMediaException("does not authenticate (damaged, altered or another key)");
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    if (!Arrays.equals(Hashes.sha256(plaintext), decoded.header().plaintextSha256())) {
      throw new SealedMediaException("plaintext hash differs from the header");
    }
    return plaintext;
  }

  private static byte[] key(PrivateKey own, PublicKey peer, byte[] ephemeralDer) {
    try {
      KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
      agreement.init(own);
      agreement.doPhase(peer, true);
      byte[] shared = agreement.generateSecret();
      byte[] key = Hkdf.derive(SALT, shared, ephemeralDer, 32);
      Arrays.fill(shared, (byte) 0);
      return key;
    } catch (GeneralSecurityException e) {
      throw new SealedMediaException("ECDH failed: " + e.getMessage());
    }
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    return cipher;
  }
}
