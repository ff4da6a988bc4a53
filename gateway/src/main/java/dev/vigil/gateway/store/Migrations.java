package dev.vigil.gateway.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tinylog.Logger;

/**
 * Versioned schema migrations: {@code db/migration/migrations.txt} lists numbered SQL files ({@code
 * V001__init.sql}, ...) in order; each runs once, in its own transaction, and is recorded in {@code
 * schema_version}. A released file is never edited: a change is a new file.
 */
final class Migrations {
  private static final String FOLDER = "/db/migration/";
  private final Connection connection;

  Migrations(Connection connection) {
    this.connection = connection;
  }

  void apply() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY,"
              + " name VARCHAR(200) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
    }
    Set<Integer> applied = appliedVersions();
    for (String name : checkedOrder(listed())) {
      int version = version(name);
      if (!applied.contains(version)) {
        run(version, name);
      }
    }
  }

  /**
   * The listed files, checked to be named {@code V<nnn>__...} with strictly increasing numbers. A
   * gap is allowed (numbers are handed out to parallel branches before they merge); every listed
   * version not yet recorded runs, so a lower number merged after a higher one still applies.
   */
  static List<String> checkedOrder(List<String> names) {
    int previous = 0;
    for (String name : names) {
      int version = version(name);
      if (version <= previous) {
        throw new IllegalStateException(
            "migration " + name + " is out of order: numbers must increase after V" + previous);
      }
      previous = version;
    }
    return names;
  }

  static int version(String name) {
    if (!name.matches("V\\d{3}__.+\\.sql")) {
      throw new IllegalStateException("migration " + name + " is not named V<nnn>__<name>.sql");
    }
    return Integer.parseInt(name.substring(1, 4));
  }

  private Set<Integer> appliedVersions() throws SQLException {
    Set<Integer> versions = new HashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT version FROM schema_version")) {
      while (rows.next()) {
        versions.add(rows.getInt(1));
      }
    }
    return versions;
  }

  private void run(int version, String name) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements(read(name))) {
        statement.execute(sql);
      }
      try (PreparedStatement record =
          connection.prepareStatement("INSERT INTO schema_version VALUES (?, ?, ?)")) {
        record.setInt(1, version);
        record.setString(2, name);
        record.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
        record.executeUpdate();
      }
      connection.commit();
      Logger.info("database migrated to {} ({})", version, name);
    } catch (SQLException e) {
      connection.rollback();
      throw new SQLException("migration " + name + " failed: " + e.getMessage(), e);
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /** Splits a script on semicolons that end a line; comments are dropped. */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        statements.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }

  private static List<String> listed() {
    List<String> names = new ArrayList<>();
    for (String line : read("migrations.txt").split("\n")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        names.add(name);
      }
    }
    return names;
  }

  private static String read(String name) {
    try (InputStream in = Migrations.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException("missing migration resource " + FOLDER + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
