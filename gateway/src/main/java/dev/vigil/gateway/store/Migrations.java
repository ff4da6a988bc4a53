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
import java.util.List;
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
    int current = currentVersion();
    List<String> files = listed();
    for (int i = 0; i < files.size(); i++) {
      int version = i + 1;
      String name = files.get(i);
      if (!name.startsWith(String.format("V%03d__", version))) {
        throw new IllegalStateException(
            "migration " + name + " is out of order: expected V" + version);
      }
      if (version > current) {
        run(version, name);
      }
    }
  }

  private int currentVersion() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
      rows.next();
      return rows.getInt(1);
    }
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
