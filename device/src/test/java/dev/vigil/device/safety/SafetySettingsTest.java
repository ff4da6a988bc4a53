package dev.vigil.device.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.protocol.settings.Settings;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SafetySettingsTest {
  private static SafetyConfig read(Map<String, String> values) {
    return SafetySettings.from(Settings.of(values, "test"));
  }

  @Test
  void withoutKeysTheDetectorsDefaultsApply() {
    SafetyConfig config = read(Map.of("safety.time-zone", "Asia/Shanghai"));
    assertEquals(SafetyConfig.defaults(ZoneId.of("Asia/Shanghai")), config);
  }

  @Test
  void keysOverrideTheirThreshold() {
    SafetyConfig config =
        read(
            Map.of(
                "safety.fatigue.continuous-limit-min",
                "270",
                "safety.fatigue.min-rest-min",
                "45",
                "safety.night.window",
                "23:30-05:00",
                "safety.route.corridor-m",
                "80",
                "safety.speeding.zones",
                "school:30:48.17 11.56,48.17 11.57,48.18 11.57; depot:10:48.1 11.5,48.1 11.6,48.2 11.6"));
    assertEquals(Duration.ofMinutes(270), config.fatigue().continuousLimit());
    assertEquals(Duration.ofMinutes(45), config.fatigue().minRest());
    assertEquals(LocalTime.of(23, 30), config.night().start());
    assertEquals(80, config.route().defaultCorridorM());
    assertEquals(2, config.speeding().zones().size());
    assertEquals("depot", config.speeding().zones().get(1).name());
    assertTrue(config.speeding().zones().get(0).area().contains(48.172, 11.565));
    assertFalse(read(Map.of("safety.night.window", "off")).night().enabled());
  }

  @Test
  void aBadValueNamesItsKey() {
    for (Map.Entry<String, String> bad :
        Map.of(
                "safety.time-zone", "Mars/Olympus",
                "safety.night.window", "22:00",
                "safety.speeding.zones", "school:30:48.1 11.5",
                "safety.stop.move-speed-mps", "0.5",
                "safety.policy.alarm-after", "1",
                "safety.fatigue.prewarning-min", "300",
                "safety.harsh.imu.braking-mps2", "abc")
            .entrySet()) {
      var error =
          assertThrows(
              Settings.SettingsException.class, () -> read(Map.of(bad.getKey(), bad.getValue())));
      assertTrue(error.getMessage().contains(bad.getKey()), error.getMessage());
    }
  }
}
