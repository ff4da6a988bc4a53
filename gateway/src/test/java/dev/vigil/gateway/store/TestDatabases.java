package dev.vigil.gateway.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The two databases every repository test runs on, as the gateway supports them: an embedded H2
 * file and a schema of its own on the machine's PostgreSQL ({@code vigil.postgres.url}, database
 * {@code test}, user {@code postgres}). One instance per test class: {@link #urls} creates the
 * schema, {@link #drop} (from {@code @AfterAll}) removes it with everything in it.
 */
public final class TestDatabases {
  public static final String POSTGRES =
      System.getProperty("vigil.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");

  private final String schema;

  /**
   * @param prefix names the schema after the test class, for a human reading {@code \dn}
   */
  public TestDatabases(String prefix) {
    this.schema = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A fresh H2 file in {@code folder} and this class's PostgreSQL schema (created if missing). */
  public Stream<String> urls(Path folder) throws SQLException {
    execute("CREATE SCHEMA IF NOT EXISTS " + schema);
    return Stream.of("jdbc:h2:file:" + folder.resolve("h2-" + UUID.randomUUID()), postgresUrl());
  }

  public String postgresUrl() {
    return POSTGRES + "?currentSchema=" + schema;
  }

  public void drop() throws SQLException {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  /** The database at {@code url} (H2 or PostgreSQL), with every migration applied. */
  public static Database migrated(String url) throws SQLException {
    Database database = new Database(url, url.contains("postgresql") ? "postgres" : "", "");
    database.migrate();
    return database;
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
