package dev.vigil.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.alerts.AlertSettings;
import dev.vigil.gateway.alerts.EscalationPolicy;
import dev.vigil.protocol.alert.Severity;
import dev.vigil.protocol.settings.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(5)
class GatewayAlertConfigTest {
  private static AlertSettings load(Map<String, String> values) throws Exception {
    return GatewayConfig.load(Optional.empty(), values).alertSettings();
  }

  @Test
  void defaultsAreTheDocumentedOnes() throws Exception {
    AlertSettings settings = load(Map.of());
    assertEquals(EscalationPolicy.defaults(), settings.escalation());
    assertEquals(
        List.of(Duration.ofSeconds(60), Duration.ofSeconds(120)),
        settings.escalation().deadlines().get(Severity.CRITICAL));
    assertEquals(Duration.ofMinutes(10), settings.mergeWindow());
    assertEquals(Duration.ofSeconds(120), settings.offlineAfter());
    assertEquals(1_000, settings.sweepIntervalMs());
  }

  @Test
  void deadlinesAreReadPerSeverityAndNoneNeverEscalates() throws Exception {
    AlertSettings settings =
        load(Map.of("alerts.escalate.critical-s", "30, 90", "alerts.escalate.warning-s", "none"));
    assertEquals(
        List.of(Duration.ofSeconds(30), Duration.ofSeconds(90)),
        settings.escalation().deadlines().get(Severity.CRITICAL));
    assertEquals(List.of(), settings.escalation().deadlines().get(Severity.WARNING));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "alerts.escalate.major-s | 120,60",
        "alerts.escalate.minor-s | soon",
        "alerts.escalate.critical-s | 0",
        "alerts.offline-after-s | 1",
        "alerts.sweep-interval-ms | 0",
      })
  void aBadValueNamesItsKey(String key, String value) {
    Settings.SettingsException e =
        assertThrows(Settings.SettingsException.class, () -> load(Map.of(key, value)));
    assertTrue(e.getMessage().contains(key), e.getMessage());
  }
}
