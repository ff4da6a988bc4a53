package dev.vigil.gateway.operators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PasswordHashTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void theRightPasswordVerifiesAndAnyOtherIsRejected() {
    PasswordHash hash = PasswordHash.create("correct horse battery".toCharArray(), random);
    assertTrue(hash.matches("correct horse battery".toCharArray()));
    assertFalse(hash.matches("correct horse batterY".toCharArray()));
    assertFalse(hash.matches("correct horse battery ".toCharArray()));
    assertFalse(hash.matches(new char[0]));
  }

  @Test
  void hashesUseTheCitedParametersAndAFreshSaltEachTime() {
    PasswordHash a = PasswordHash.create("the same password".toCharArray(), random);
    PasswordHash b = PasswordHash.create("the same password".toCharArray(), random);
    assertEquals("PBKDF2-HMAC-SHA256", a.kdf());
    assertEquals(600_000, a.iterations());
    assertEquals(16, a.salt().length);
    assertEquals(32, a.hash().length);
    assertNotEquals(a.saltBase64(), b.saltBase64());
    assertNotEquals(a.hashBase64(), b.hashBase64());
    assertFalse(a.isBelowCurrent());
  }

  /** RFC 7914 section 11 gives PBKDF2-HMAC-SHA256 test vectors: the KDF is the standard one. */
  @Test
  void derivationMatchesTheRfc7914TestVector() {
    byte[] derived = PasswordHash.derive("passwd".toCharArray(), "salt".getBytes(), 1);
    assertEquals(
        "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc",
        HexFormat.of().formatHex(derived));
  }

  @Test
  void storedParametersAreUsedToVerifyAndOldOnesAskForARehash() {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    byte[] hash = PasswordHash.derive("an older password".toCharArray(), salt, 1_000);
    PasswordHash stored =
        PasswordHash.stored(
            "PBKDF2-HMAC-SHA256",
            1_000,
            java.util.Base64.getEncoder().encodeToString(salt),
            java.util.Base64.getEncoder().encodeToString(hash));
    assertTrue(stored.matches("an older password".toCharArray()));
    assertFalse(stored.matches("an older passworx".toCharArray()));
    assertTrue(stored.isBelowCurrent());
    assertArrayEquals(salt, stored.salt());
  }

  @Test
  void tooShortPasswordsAndUnknownKdfsAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> PasswordHash.create("short".toCharArray(), random));
    assertThrows(
        IllegalArgumentException.class, () -> PasswordHash.stored("md5", 1, "AAAA", "AAAA"));
  }
}
