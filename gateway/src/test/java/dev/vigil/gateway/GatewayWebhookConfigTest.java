package dev.vigil.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.webhook.RetryPolicy;
import dev.vigil.gateway.webhook.WebhookSettings;
import dev.vigil.protocol.settings.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(5)
class GatewayWebhookConfigTest {
  private static final Map<String, String> CHOSEN =
      Map.of(
          "alerts.sinks", "mqtt, webhook",
          "webhook.url", "https://control.example.com/vigil/alerts",
          "webhook.secret-file", "/etc/vigil/webhook.secret");

  private static GatewayConfig load(Map<String, String> values) throws Exception {
    return GatewayConfig.load(Optional.empty(), values);
  }

  @Test
  void theWebhookIsOffUnlessChosenAndItsKeysStillLoad() throws Exception {
    assertEquals(Optional.empty(), load(Map.of()).webhook());
    assertEquals(
        Optional.empty(), load(Map.of("webhook.url", "", "webhook.timeout-ms", "800")).webhook());
  }

  @Test
  void theSampleFileLoadsWithTheWebhookOffAndOnceChosen() throws Exception {
    Optional<Path> sample = Optional.of(Path.of("..", "config", "gateway.properties"));
    assertEquals(Optional.empty(), GatewayConfig.load(sample, Map.of()).webhook());
    assertEquals(
        URI.create("https://control.example.com/vigil/alerts"),
        GatewayConfig.load(sample, CHOSEN).webhook().orElseThrow().url());
  }

  @Test
  void defaultsAreTheDocumentedOnes() throws Exception {
    GatewayConfig config = load(CHOSEN);
    assertEquals(List.of("mqtt", "webhook"), config.alertSinks());
    WebhookSettings webhook = config.webhook().orElseThrow();
    assertEquals(URI.create("https://control.example.com/vigil/alerts"), webhook.url());
    assertEquals(Path.of("/etc/vigil/webhook.secret"), webhook.secretFile());
    assertEquals(5_000, webhook.timeoutMs());
    assertEquals(new RetryPolicy(1_000, 300_000, 1_000, Duration.ofHours(24)), webhook.retry());
    assertEquals(1_000, webhook.pollMs());
    assertTrue(webhook.leaseMs() > webhook.timeoutMs(), "a lease outlasts a POST");
  }

  @Test
  void everyKeyIsRead() throws Exception {
    Map<String, String> values = new HashMap<>(CHOSEN);
    values.putAll(
        Map.of(
            "webhook.url", "http://127.0.0.1:9000/hook",
            "webhook.timeout-ms", "800",
            "webhook.backoff-base-ms", "50",
            "webhook.backoff-cap-ms", "2000",
            "webhook.give-up-after-s", "120",
            "webhook.max-attempts", "7",
            "webhook.poll-ms", "100"));
    WebhookSettings webhook = load(values).webhook().orElseThrow();
    assertEquals(800, webhook.timeoutMs());
    assertEquals(new RetryPolicy(50, 2_000, 7, Duration.ofSeconds(120)), webhook.retry());
    assertEquals(100, webhook.pollMs());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "webhook.url | ''",
        "webhook.url | ftp://example.com/x",
        "webhook.url | not a url",
        "webhook.url | http:///no-host",
        "webhook.secret-file | ''",
        "webhook.timeout-ms | 0",
        "webhook.backoff-base-ms | soon",
        "webhook.backoff-cap-ms | 500",
        "webhook.give-up-after-s | 0",
        "webhook.max-attempts | 0",
      })
  void aBadOrMissingValueNamesItsKey(String key, String value) {
    Map<String, String> values = new HashMap<>(CHOSEN);
    values.put(key, value);
    Settings.SettingsException e =
        assertThrows(Settings.SettingsException.class, () -> load(values));
    assertTrue(e.getMessage().contains(key), e.getMessage());
  }
}
