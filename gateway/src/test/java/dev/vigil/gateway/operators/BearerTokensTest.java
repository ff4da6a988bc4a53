package dev.vigil.gateway.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BearerTokensTest {
  @Test
  void tokensCarry256RandomBitsBehindTheirPrefix() {
    SecureRandom random = new SecureRandom();
    String a = BearerTokens.create(random);
    String b = BearerTokens.create(random);
    assertTrue(a.startsWith("vgo_"));
    assertEquals(32, Base64.getUrlDecoder().decode(a.substring(4)).length);
    assertNotEquals(a, b);
  }

  @Test
  void onlyTheSha256OfATokenIsKeptAndItIsTheStandardOne() {
    // SHA-256("abc"), FIPS 180-2 appendix B.1.
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        BearerTokens.sha256("abc"));
    assertNotEquals(BearerTokens.sha256("vgo_a"), BearerTokens.sha256("vgo_b"));
  }

  @Test
  void theAuthorizationHeaderIsReadOnlyWhenItIsABearerToken() {
    assertEquals(Optional.of("vgo_x"), BearerTokens.fromHeader("Bearer vgo_x"));
    assertEquals(Optional.of("vgo_x"), BearerTokens.fromHeader("bearer  vgo_x "));
    assertEquals(Optional.empty(), BearerTokens.fromHeader(null));
    assertEquals(Optional.empty(), BearerTokens.fromHeader("Basic dXNlcjpwYXNz"));
    assertEquals(Optional.empty(), BearerTokens.fromHeader("Bearer "));
    assertEquals(Optional.empty(), BearerTokens.fromHeader("Bearer " + "x".repeat(201)));
  }
}
