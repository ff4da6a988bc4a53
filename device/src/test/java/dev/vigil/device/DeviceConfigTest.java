package dev.vigil.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.warning.VoicePrompts;
import dev.vigil.device.warning.VoiceSettings;
import dev.vigil.protocol.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceConfigTest {
  private static Map<String, String> minimal() {
    Map<String, String> settings = new HashMap<>();
    settings.put("device.id", "box-7");
    settings.put("vehicle.id", "VEH-7");
    return settings;
  }

  @Test
  void theShippedSampleConfigIsValid() throws Exception {
    DeviceConfig config =
        DeviceConfig.load(Optional.of(Path.of("../config/device.properties")), Map.of());
    assertEquals("demo-1", config.deviceId());
    assertEquals(Duration.ofSeconds(1), config.positionInterval());
  }

  @Test
  void theSampleConfigDocumentsTheSafetyDefaultsAsTheCodeHasThem() throws Exception {
    DeviceConfig config =
        DeviceConfig.load(Optional.of(Path.of("../config/device.properties")), Map.of());
    assertEquals(
        dev.vigil.device.safety.SafetyConfig.defaults(java.time.ZoneId.systemDefault()),
        config.safety());
  }

  @Test
  void aBadSafetyThresholdIsNamed() {
    Map<String, String> settings = minimal();
    settings.put("safety.abnormal-stop.after-s", "soon");
    var error =
        assertThrows(Settings.SettingsException.class, () -> DeviceConfig.from(of(settings)));
    assertTrue(error.getMessage().contains("safety.abnormal-stop.after-s"), error.getMessage());
  }

  @Test
  void voiceLanguageAndOutputAreReadAndAnUnknownLanguageIsNamed() {
    Map<String, String> settings = minimal();
    settings.put("warnings.voice.enabled", "true");
    settings.put("warnings.voice.language", "zh");
    settings.put("warnings.voice.output", "wav-file");
    DeviceConfig config = DeviceConfig.from(of(settings));
    assertTrue(config.voice().enabled());
    assertEquals(VoicePrompts.Language.ZH, config.voice().language());
    assertEquals(VoiceSettings.Output.WAV_FILE, config.voice().output());
    settings.put("warnings.voice.language", "fr");
    var error =
        assertThrows(Settings.SettingsException.class, () -> DeviceConfig.from(of(settings)));
    assertTrue(error.getMessage().contains("warnings.voice.language"), error.getMessage());
  }

  @Test
  void aMissingDeviceIdIsNamed() {
    Map<String, String> settings = minimal();
    settings.remove("device.id");
    var error =
        assertThrows(Settings.SettingsException.class, () -> DeviceConfig.from(of(settings)));
    assertTrue(error.getMessage().contains("device.id"), error.getMessage());
  }

  @Test
  void aDeviceIdThatWouldBreakTopicsIsRefused() {
    Map<String, String> settings = minimal();
    settings.put("device.id", "box/#");
    var error =
        assertThrows(Settings.SettingsException.class, () -> DeviceConfig.from(of(settings)));
    assertTrue(error.getMessage().contains("'box/#'"), error.getMessage());
  }

  @Test
  void aMisspeltKeyIsAnErrorNotIgnored() {
    Map<String, String> settings = minimal();
    settings.put("positon.interval-ms", "500");
    var error =
        assertThrows(Settings.SettingsException.class, () -> DeviceConfig.from(of(settings)));
    assertTrue(error.getMessage().contains("positon.interval-ms"), error.getMessage());
  }

  @Test
  void anUnknownGnssSourceListsTheChoices() {
    Map<String, String> settings = minimal();
    settings.put("gnss.source", "magic");
    var error =
        assertThrows(Settings.SettingsException.class, () -> DeviceConfig.from(of(settings)));
    assertTrue(
        error.getMessage().contains("gnss.source (value 'magic') must be one of"),
        error.getMessage());
  }

  private static Settings of(Map<String, String> map) {
    return Settings.of(map, "test");
  }

  @Test
  void anEnrolledBoxTakesItsIdentityAndBrokerFromTheEnrolmentFiles(@TempDir Path data)
      throws Exception {
    Path enrolled = Files.createDirectories(data.resolve("enrolment"));
    Files.writeString(
        enrolled.resolve("enrolment.properties"),
        "device.id=box-9\nvehicle.id=VEH-9\nmqtt.url=ssl://gw.example:8883\n"
            + "mqtt.tls.certificate="
            + enrolled.resolve("device.crt")
            + "\nmqtt.tls.ca="
            + enrolled.resolve("ca.crt")
            + "\n");
    DeviceConfig config = DeviceConfig.load(Optional.empty(), Map.of("data.dir", data.toString()));
    assertEquals("box-9", config.deviceId());
    assertEquals("ssl://gw.example:8883", config.mqttUrl());
    assertEquals(Optional.of(enrolled.resolve("device.crt")), config.tlsCertificate());
    DeviceConfig overridden =
        DeviceConfig.load(
            Optional.empty(), Map.of("data.dir", data.toString(), "vehicle.id", "VEH-X"));
    assertEquals("VEH-X", overridden.vehicleId(), "explicit settings win over enrolment");
  }

  @Test
  void anSslBrokerWithoutACertificateIsNamed() {
    Map<String, String> settings = minimal();
    settings.put("mqtt.url", "ssl://gw.example:8883");
    var error =
        assertThrows(Settings.SettingsException.class, () -> DeviceConfig.from(of(settings)));
    assertTrue(error.getMessage().contains("mqtt.tls.certificate"), error.getMessage());
  }
}
