package dev.vigil.protocol.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void valuesAreReadWithTheirTypesAndDefaults() {
    Settings s = Settings.of(Map.of("a", " 42 ", "b", "yes", "c", "2.5"), "file.properties");
    assertEquals(42, s.integer("a", 0, 0, 100));
    assertTrue(s.bool("b", false));
    assertEquals(2.5, s.decimal("c", 0, 0, 10));
    assertEquals(7, s.integer("missing", 7, 0, 100));
  }

  @Test
  void aBadValueNamesTheSourceTheKeyAndTheValue() {
    Settings s = Settings.of(Map.of("http.port", "80a"), "gateway.properties");
    var error =
        assertThrows(Settings.SettingsException.class, () -> s.integer("http.port", 1, 0, 9));
    assertEquals(
        "gateway.properties: http.port (value '80a') is not a whole number", error.getMessage());
  }

  @Test
  void aValueOutOfRangeSaysTheRange() {
    Settings s = Settings.of(Map.of("n", "99"), "x");
    var error = assertThrows(Settings.SettingsException.class, () -> s.integer("n", 1, 1, 10));
    assertTrue(error.getMessage().endsWith("must be between 1 and 10"), error.getMessage());
  }

  @Test
  void keysNobodyReadAreReportedAsUnknown() {
    Settings s = Settings.of(Map.of("known", "1", "typo.key", "2"), "x");
    s.integer("known", 0, 0, 10);
    assertEquals(Set.of("typo.key"), s.unknownKeys());
  }

  @Test
  void argumentsSplitOptionsFromOverrides() {
    Arguments arguments =
        Arguments.parse(new String[] {"run", "--config", "a.properties", "x.y=1"}, 1);
    assertEquals("a.properties", arguments.required("--config"));
    assertEquals(Map.of("x.y", "1"), arguments.overrides());
    assertThrows(
        Arguments.UsageException.class, () -> Arguments.parse(new String[] {"--config"}, 0));
    assertThrows(Arguments.UsageException.class, () -> Arguments.parse(new String[] {"stray"}, 0));
  }
}
