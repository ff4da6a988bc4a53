package dev.vigil.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationsTest {
  @Test
  void scriptsSplitOnLineEndingSemicolonsAndDropComments() {
    String script =
        """
        -- a comment; with a semicolon
        CREATE TABLE a (
          x INT
        );

        CREATE INDEX a_x ON a (x);
        """;
    assertEquals(
        List.of("CREATE TABLE a (\n  x INT\n)", "CREATE INDEX a_x ON a (x)"),
        Migrations.statements(script));
  }

  @Test
  void h2UrlsGetPostgresCompatibilityAndOthersAreLeftAlone() {
    assertEquals(
        "jdbc:h2:mem:x;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
        Database.withCompatibilityMode("jdbc:h2:mem:x"));
    assertEquals(
        "jdbc:h2:mem:x;MODE=MySQL", Database.withCompatibilityMode("jdbc:h2:mem:x;MODE=MySQL"));
    assertEquals(
        "jdbc:postgresql://127.0.0.1/test",
        Database.withCompatibilityMode("jdbc:postgresql://127.0.0.1/test"));
  }
}
