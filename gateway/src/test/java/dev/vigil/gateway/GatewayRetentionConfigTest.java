package dev.vigil.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.retention.RetentionSettings;
import dev.vigil.protocol.settings.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(5)
class GatewayRetentionConfigTest {
  private static RetentionSettings load(Map<String, String> values) throws Exception {
    return GatewayConfig.load(Optional.empty(), values).retention();
  }

  @Test
  void defaultsAreTheDocumentedOnes() throws Exception {
    RetentionSettings settings = load(Map.of());
    assertEquals(
        new RetentionSettings(
            Duration.ofDays(90),
            Duration.ofDays(30),
            Duration.ofDays(365),
            Duration.ofDays(365),
            Duration.ofDays(365),
            Duration.ofSeconds(600),
            Duration.ofSeconds(300),
            5_000),
        settings);
  }

  @Test
  void theSampleFileLoadsWithTheDefaults() throws Exception {
    GatewayConfig sample =
        GatewayConfig.load(Optional.of(Path.of("../config/gateway.properties")), Map.of());
    assertEquals(load(Map.of()), sample.retention());
  }

  @Test
  void zeroDaysKeepsForEverAndValuesAreWholeDays() throws Exception {
    RetentionSettings settings =
        load(
            Map.of(
                "retention.positions-days", "0",
                "retention.health-days", "7",
                "retention.batch-rows", "100"));
    assertTrue(settings.positions().isZero());
    assertEquals(Duration.ofDays(7), settings.health());
    assertEquals(100, settings.batchRows());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "retention.positions-days | -1",
        "retention.health-days | thirty",
        "retention.events-days | 36501",
        "retention.resolved-alerts-days | 1.5",
        "retention.trips-days | -7",
        "retention.interval-s | 59",
        "retention.lease-s | 0",
        "retention.batch-rows | 99",
        "retention.batch-rows | 100001",
      })
  void aBadValueNamesItsKey(String key, String value) {
    Settings.SettingsException e =
        assertThrows(Settings.SettingsException.class, () -> load(Map.of(key, value)));
    assertTrue(e.getMessage().contains(key), e.getMessage());
  }

  @Test
  void aMisspeltRetentionKeyStopsTheGateway() {
    Settings.SettingsException e =
        assertThrows(
            Settings.SettingsException.class, () -> load(Map.of("retention.position-days", "9")));
    assertTrue(e.getMessage().contains("retention.position-days"), e.getMessage());
  }
}
