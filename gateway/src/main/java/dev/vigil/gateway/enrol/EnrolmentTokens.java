package dev.vigil.gateway.enrol;

import dev.vigil.gateway.store.Database;
import dev.vigil.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One-time enrolment tokens, each bound to one vehicle and expiring. The token text ({@code vgt_}
 * and 32 base64url characters: 192 random bits) is shown once, when it is created; the database
 * keeps only its SHA-256, which is enough for a token that cannot be guessed. Time comes from the
 * injected clock.
 */
public final class EnrolmentTokens {
  public static final Duration DEFAULT_TTL = Duration.ofHours(24);
  private static final String PREFIX = "vgt_";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new token: give {@code token} to the installer of {@code vehicleId}. */
  public record Issued(String token, String vehicleId, Instant expiresAt) {}

  /** What redeeming a token gave: the vehicle it was for, or why it was refused. */
  public sealed interface Redeemed {}

  public record Accepted(String vehicleId) implements Redeemed {}

  public record Refused(Reason reason) implements Redeemed {}

  /** Why a token was refused. */
  public enum Reason {
    UNKNOWN_TOKEN,
    EXPIRED_TOKEN,
    REUSED_TOKEN
  }

  private final Database database;
  private final Clock clock;

  public EnrolmentTokens(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  public Issued create(String vehicleId, Duration ttl) throws SQLException {
    if (!Topics.isValidId(vehicleId)) {
      throw new IllegalArgumentException("invalid vehicle id: '" + vehicleId + "'");
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("a token must live longer than zero");
    }
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant now = clock.instant();
    Instant expiresAt = now.plus(ttl);
    try (Connection connection = database.connect();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO enrolment_tokens (token_hash, vehicle_id, created_at, expires_at)"
                    + " VALUES (?, ?, ?, ?)")) {
      insert.setString(1, hash(token));
      insert.setString(2, vehicleId);
      insert.setObject(3, utc(now));
      insert.setObject(4, utc(expiresAt));
      insert.executeUpdate();
    }
    return new Issued(token, vehicleId, expiresAt);
  }

  /**
   * Marks the token used by {@code deviceId}, once: the update succeeds for exactly one caller,
   * however many race. A refused token is left as it was.
   */
  public Redeemed redeem(String token, String deviceId) throws SQLException {
    Instant now = clock.instant();
    String tokenHash = hash(token);
    try (Connection connection = database.connect();
        PreparedStatement use =
            connection.prepareStatement(
                "UPDATE enrolment_tokens SET used_at = ?, used_by = ?"
                    + " WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")) {
      use.setObject(1, utc(now));
      use.setString(2, deviceId);
      use.setString(3, tokenHash);
      use.setObject(4, utc(now));
      if (use.executeUpdate() == 1) {
        return new Accepted(vehicleOf(connection, tokenHash));
      }
      return new Refused(whyRefused(connection, tokenHash));
    }
  }

  private static String vehicleOf(Connection connection, String tokenHash) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT vehicle_id FROM enrolment_tokens WHERE token_hash = ?")) {
      query.setString(1, tokenHash);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }

  private static Reason whyRefused(Connection connection, String tokenHash) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT used_at FROM enrolment_tokens WHERE token_hash = ?")) {
      query.setString(1, tokenHash);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return Reason.UNKNOWN_TOKEN;
        }
        return rows.getObject(1) != null ? Reason.REUSED_TOKEN : Reason.EXPIRED_TOKEN;
      }
    }
  }

  static String hash(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
