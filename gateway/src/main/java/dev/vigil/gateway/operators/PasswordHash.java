package dev.vigil.gateway.operators;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password kept as PBKDF2-HMAC-SHA256 (the JDK's {@code PBKDF2WithHmacSHA256}), with the
 * parameters it was made with, so that a later release can raise them: {@link #isBelowCurrent}
 * tells a caller to rehash after the next successful login.
 *
 * <p>Parameters: 600,000 iterations of HMAC-SHA256, as the OWASP Password Storage Cheat Sheet
 * recommends for PBKDF2-HMAC-SHA256 (https://cheatsheetseries.owasp.org/cheatsheets/
 * Password_Storage_Cheat_Sheet.html, "PBKDF2" section, 2023 revision); a 128-bit random salt per
 * hash (NIST SP 800-132 asks for at least 128 bits); a 256-bit output (one SHA-256 block: a longer
 * one would cost the defender more iterations than the attacker). Comparison is constant-time
 * ({@link MessageDigest#isEqual}).
 */
public record PasswordHash(String kdf, int iterations, byte[] salt, byte[] hash) {
  public static final String KDF = "PBKDF2-HMAC-SHA256";
  public static final int ITERATIONS = 600_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  /** NIST SP 800-63B asks for at least 8 characters; a control room's accounts deserve more. */
  public static final int MIN_PASSWORD_CHARS = 12;

  /** At most this many characters are hashed: a bound on the work one request can cause. */
  public static final int MAX_PASSWORD_CHARS = 1_024;

  public PasswordHash {
    if (!kdf.equals(KDF)) {
      throw new IllegalArgumentException("unknown password KDF " + kdf);
    }
    if (iterations < 1 || salt.length == 0 || hash.length == 0) {
      throw new IllegalArgumentException("a password hash needs iterations, a salt and a hash");
    }
    salt = salt.clone();
    hash = hash.clone();
  }

  /** A new hash with the current parameters and a fresh salt. */
  public static PasswordHash create(char[] password, SecureRandom random) {
    checkAcceptable(password);
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return new PasswordHash(KDF, ITERATIONS, salt, derive(password, salt, ITERATIONS));
  }

  /** Refuses a password too short or too long to be accepted, naming the bound. */
  public static void checkAcceptable(char[] password) {
    if (password.length < MIN_PASSWORD_CHARS) {
      throw new IllegalArgumentException(
          "a password needs at least " + MIN_PASSWORD_CHARS + " characters");
    }
    if (password.length > MAX_PASSWORD_CHARS) {
      throw new IllegalArgumentException(
          "a password has at most " + MAX_PASSWORD_CHARS + " characters");
    }
  }

  /**
   * True when {@code password} is the one hashed; the comparison takes the same time either way.
   */
  public boolean matches(char[] password) {
    if (password.length == 0 || password.length > MAX_PASSWORD_CHARS) {
      return false;
    }
    return MessageDigest.isEqual(hash, derive(password, salt, iterations));
  }

  /** True when this hash was made with fewer iterations than this release uses. */
  public boolean isBelowCurrent() {
    return iterations < ITERATIONS;
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  public String saltBase64() {
    return Base64.getEncoder().encodeToString(salt);
  }

  public String hashBase64() {
    return Base64.getEncoder().encodeToString(hash);
  }

  /** Reads the stored columns back. */
  public static PasswordHash stored(String kdf, int iterations, String saltBase64, String hash64) {
    return new PasswordHash(
        kdf,
        iterations,
        Base64.getDecoder().decode(saltBase64),
        Base64.getDecoder().decode(hash64));
  }

  static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
    } finally {
      spec.clearPassword();
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PasswordHash p
        && kdf.equals(p.kdf)
        && iterations == p.iterations
        && Arrays.equals(salt, p.salt)
        && Arrays.equals(hash, p.hash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return KDF + " (" + iterations + " iterations)";
  }
}
