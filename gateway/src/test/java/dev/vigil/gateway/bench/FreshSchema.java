package dev.vigil.gateway.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

/**
 * A PostgreSQL schema of the bench's own, created before the gateway starts and dropped after, so a
 * run on the shared database starts empty and leaves nothing behind. H2 runs need none: their files
 * live in the run's temporary folder.
 */
final class FreshSchema implements AutoCloseable {
  private final String serverUrl;
  private final String user;
  private final String password;
  private final String name;

  private FreshSchema(String serverUrl, String user, String password, String name) {
    this.serverUrl = serverUrl;
    this.user = user;
    this.password = password;
    this.name = name;
  }

  /**
   * Creates the schema when {@code db.url} names PostgreSQL without a schema and points {@code
   * db.url} at it; returns null otherwise.
   */
  static FreshSchema createFor(Map<String, String> settings, String run) throws Exception {
    String url = settings.getOrDefault("db.url", "");
    if (!url.startsWith("jdbc:postgresql:") || url.contains("currentSchema=")) {
      return null;
    }
    String user = settings.getOrDefault("db.user", "");
    String password = settings.getOrDefault("db.password", "");
    FreshSchema schema = new FreshSchema(url, user, password, "vigil_bench_" + run);
    schema.execute("CREATE SCHEMA " + schema.name);
    settings.put("db.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema.name);
    return schema;
  }

  String name() {
    return name;
  }

  @Override
  public void close() throws Exception {
    execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
  }

  private void execute(String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
