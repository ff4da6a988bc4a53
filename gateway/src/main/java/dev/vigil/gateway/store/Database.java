package dev.vigil.gateway.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The gateway's database, chosen by its JDBC URL: H2 embedded (the zero-set-up default) or
 * PostgreSQL (production). H2 runs in PostgreSQL compatibility mode so that one set of migrations
 * and one set of SQL statements ({@code INSERT ... ON CONFLICT DO NOTHING}) serve both.
 */
public final class Database {
  private static final String H2_MODE = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";

  private final String url;
  private final String user;
  private final String password;

  public Database(String url, String user, String password) {
    this.url = withCompatibilityMode(url);
    this.user = user;
    this.password = password;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  public String url() {
    return url;
  }

  public boolean isEmbedded() {
    return url.startsWith("jdbc:h2:");
  }

  /**
   * Keeps an embedded database open until the returned handle is closed (the gateway's life). H2
   * closes a database when its last connection closes, and two threads opening it again at the same
   * moment can get a session without PostgreSQL mode, where {@code ON CONFLICT} is a syntax error
   * (a stand-alone reproduction with H2 2.3.232 failed 157 of 300 rounds; with a connection held,
   * none). For PostgreSQL there is nothing to hold.
   */
  public AutoCloseable keepOpen() throws SQLException {
    return isEmbedded() ? connect() : () -> {};
  }

  /** Applies the numbered migrations this build ships; safe to call on every start. */
  public void migrate() throws SQLException {
    try (Connection connection = connect()) {
      new Migrations(connection).apply();
    }
  }

  static String withCompatibilityMode(String url) {
    if (!url.startsWith("jdbc:h2:") || url.toUpperCase(Locale.ROOT).contains(";MODE=")) {
      return url;
    }
    return url + H2_MODE;
  }
}
