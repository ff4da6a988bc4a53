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

  @Test
  void numbersMustIncreaseButMayHaveGaps() {
    List<String> gap = List.of("V001__init.sql", "V005__media.sql", "V008__retention.sql");
    assertEquals(gap, Migrations.checkedOrder(gap));
    assertEquals(8, Migrations.version("V008__retention.sql"));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class,
        () -> Migrations.checkedOrder(List.of("V002__b.sql", "V001__a.sql")));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class,
        () -> Migrations.checkedOrder(List.of("V001__a.sql", "V001__again.sql")));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class, () -> Migrations.checkedOrder(List.of("init.sql")));
  }
}
