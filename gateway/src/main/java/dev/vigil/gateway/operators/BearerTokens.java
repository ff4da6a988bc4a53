package dev.vigil.gateway.operators;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bearer tokens: 256 random bits, base64url, behind the prefix {@code vgo_} (not the enrolment
 * tokens' {@code vgt_}; so a leaked one is recognisable in logs and by secret scanners). Only a
 * token's SHA-256 is stored: a token carries 256 bits of entropy, so a fast hash suffices where a
 * password needs a slow KDF.
 */
public final class BearerTokens {
  public static final String PREFIX = "vgo_";
  private static final int TOKEN_BYTES = 32;

  private BearerTokens() {}

  public static String create(SecureRandom random) {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The lower-case hex SHA-256 of the token's UTF-8 text: what the database keeps. */
  public static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** The token of an {@code Authorization: Bearer TOKEN} header, if it is one. */
  public static java.util.Optional<String> fromHeader(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return java.util.Optional.empty();
    }
    String token = header.substring(7).strip();
    return token.isEmpty() || token.length() > 200
        ? java.util.Optional.empty()
        : java.util.Optional.of(token);
  }
}
