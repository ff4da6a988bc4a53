package dev.vigil.gateway.operators;

import dev.vigil.gateway.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Operators and their bearer tokens in the gateway's database (tables of V007). */
final class OperatorStore {
  /** One account; {@code password} is its stored hash. */
  record Account(
      String name, Role role, PasswordHash password, Instant createdAt, boolean disabled) {}

  /** Whether a token is a program's API token or a human's login session. */
  enum Kind {
    API,
    SESSION
  }

  /** A stored token, seen by its hash. */
  record Token(
      String operator,
      Kind kind,
      String label,
      Instant createdAt,
      Optional<Instant> expiresAt,
      boolean revoked) {}

  private final Database database;

  OperatorStore(Database database) {
    this.database = database;
  }

  /** Adds an account; false when the name is taken. */
  boolean add(Account account) throws SQLException {
    try (Connection c = database.connect();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO operators (name, role, password_kdf, password_iterations,"
                    + " password_salt, password_hash, created_at, disabled)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      insert.setString(1, account.name());
      insert.setString(2, account.role().name());
      insert.setString(3, account.password().kdf());
      insert.setInt(4, account.password().iterations());
      insert.setString(5, account.password().saltBase64());
      insert.setString(6, account.password().hashBase64());
      insert.setObject(7, utc(account.createdAt()));
      insert.setBoolean(8, account.disabled());
      return insert.executeUpdate() == 1;
    }
  }

  Optional<Account> find(String name) throws SQLException {
    try (Connection c = database.connect();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT name, role, password_kdf, password_iterations, password_salt,"
                    + " password_hash, created_at, disabled FROM operators WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(account(rows)) : Optional.empty();
      }
    }
  }

  List<Account> list() throws SQLException {
    List<Account> accounts = new ArrayList<>();
    try (Connection c = database.connect();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT name, role, password_kdf, password_iterations, password_salt,"
                    + " password_hash, created_at, disabled FROM operators ORDER BY name");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        accounts.add(account(rows));
      }
    }
    return accounts;
  }

  /** Disables an account and revokes its tokens; false when there is no such account. */
  boolean disable(String name) throws SQLException {
    try (Connection c = database.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement update =
              c.prepareStatement("UPDATE operators SET disabled = TRUE WHERE name = ?");
          PreparedStatement revoke =
              c.prepareStatement("UPDATE api_tokens SET revoked = TRUE WHERE operator = ?")) {
        update.setString(1, name);
        revoke.setString(1, name);
        boolean found = update.executeUpdate() == 1;
        revoke.executeUpdate();
        c.commit();
        return found;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  void rehash(String name, PasswordHash password) throws SQLException {
    try (Connection c = database.connect();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE operators SET password_kdf = ?, password_iterations = ?,"
                    + " password_salt = ?, password_hash = ? WHERE name = ?")) {
      update.setString(1, password.kdf());
      update.setInt(2, password.iterations());
      update.setString(3, password.saltBase64());
      update.setString(4, password.hashBase64());
      update.setString(5, name);
      update.executeUpdate();
    }
  }

  void addToken(String sha256, Token token) throws SQLException {
    try (Connection c = database.connect();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO api_tokens (token_sha256, operator, kind, label, created_at,"
                    + " expires_at, revoked) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, sha256);
      insert.setString(2, token.operator());
      insert.setString(3, token.kind().name());
      insert.setString(4, token.label());
      insert.setObject(5, utc(token.createdAt()));
      insert.setObject(6, token.expiresAt().map(OperatorStore::utc).orElse(null));
      insert.setBoolean(7, token.revoked());
      insert.executeUpdate();
    }
  }

  /** The token with this hash and its account, if both exist. */
  Optional<Holder> holder(String sha256) throws SQLException {
    try (Connection c = database.connect();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT t.operator, t.kind, t.label, t.created_at, t.expires_at, t.revoked,"
                    + " o.name, o.role, o.password_kdf, o.password_iterations, o.password_salt,"
                    + " o.password_hash, o.created_at, o.disabled"
                    + " FROM api_tokens t JOIN operators o ON o.name = t.operator"
                    + " WHERE t.token_sha256 = ?")) {
      select.setString(1, sha256);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        Token token =
            new Token(
                rows.getString(1),
                Kind.valueOf(rows.getString(2)),
                rows.getString(3),
                instant(rows, 4),
                Optional.ofNullable(rows.getObject(5, OffsetDateTime.class))
                    .map(OffsetDateTime::toInstant),
                rows.getBoolean(6));
        return Optional.of(new Holder(token, account(rows, 7)));
      }
    }
  }

  /** A token and the account it belongs to. */
  record Holder(Token token, Account account) {}

  /** Deletes login sessions that expired before {@code now}: they can never be used again. */
  int purgeExpiredSessions(Instant now) throws SQLException {
    try (Connection c = database.connect();
        PreparedStatement delete =
            c.prepareStatement(
                "DELETE FROM api_tokens WHERE kind = 'SESSION' AND expires_at < ?")) {
      delete.setObject(1, utc(now));
      return delete.executeUpdate();
    }
  }

  /** Revokes one of an operator's tokens by label; returns how many were revoked. */
  int revoke(String operator, String label) throws SQLException {
    try (Connection c = database.connect();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE api_tokens SET revoked = TRUE WHERE operator = ? AND label = ?"
                    + " AND revoked = FALSE")) {
      update.setString(1, operator);
      update.setString(2, label);
      return update.executeUpdate();
    }
  }

  private static Account account(ResultSet rows) throws SQLException {
    return account(rows, 1);
  }

  private static Account account(ResultSet rows, int first) throws SQLException {
    return new Account(
        rows.getString(first),
        Role.valueOf(rows.getString(first + 1)),
        PasswordHash.stored(
            rows.getString(first + 2),
            rows.getInt(first + 3),
            rows.getString(first + 4),
            rows.getString(first + 5)),
        instant(rows, first + 6),
        rows.getBoolean(first + 7));
  }

  private static Instant instant(ResultSet rows, int column) throws SQLException {
    return rows.getObject(column, OffsetDateTime.class).toInstant();
  }

  static OffsetDateTime utc(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
