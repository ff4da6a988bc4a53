package dev.vigil.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.camera.CaptureSpec;
import dev.vigil.protocol.settings.Settings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class EvidenceConfigTest {
  private static Map<String, String> minimal() {
    Map<String, String> settings = new HashMap<>();
    settings.put("device.id", "box-7");
    settings.put("vehicle.id", "VEH-7");
    return settings;
  }

  private static DeviceConfig load(Map<String, String> settings) {
    return DeviceConfig.from(Settings.of(settings, "test"));
  }

  @Test
  void noCamerasByDefaultAnd72HoursRetention() {
    DeviceConfig config = load(minimal());
    assertTrue(config.evidence().cameras().isEmpty());
    assertTrue(config.evidence().microphone().isEmpty());
    assertEquals(Duration.ofHours(72), config.evidence().retention());
    assertEquals(Duration.ofSeconds(30), config.evidence().alarmBefore());
    assertEquals(2, config.evidence().segmentS());
  }

  @Test
  void threeCamerasWithTheirOwnSettings() {
    Map<String, String> settings = minimal();
    settings.put("cameras", "cabin, road,cargo");
    settings.put("camera.road.source", "rpicam");
    settings.put("camera.cargo.source", "lavfi");
    settings.put("camera.cabin.bitrate-kbps", "1500");
    var cameras = load(settings).evidence().cameras();
    assertEquals(3, cameras.size());
    assertEquals(CaptureSpec.Source.V4L2, cameras.get(0).source());
    assertEquals("/dev/video0", cameras.get(0).input());
    assertEquals(1500, cameras.get(0).bitrateKbps());
    assertEquals("copy", cameras.get(1).encoder());
    assertEquals("testsrc", cameras.get(2).input());
  }

  @Test
  void badCameraSettingsNameTheirKey() {
    Map<String, String> settings = minimal();
    settings.put("cameras", "cabin");
    settings.put("camera.cabin.fps", "500");
    assertNamed("camera.cabin.fps", settings);
    settings.remove("camera.cabin.fps");
    settings.put("camera.cabin.source", "alsa");
    assertNamed("camera.cabin.source", settings);
    settings.remove("camera.cabin.source");
    settings.put("camera.road.fps", "15");
    assertNamed("camera.road.fps", settings);
    settings.remove("camera.road.fps");
    settings.put("cameras", "cabin,cabin");
    assertNamed("cameras", settings);
    settings.put("cameras", "cab-in");
    assertNamed("cameras", settings);
  }

  @Test
  void aMicrophoneIsAnExplicitChoice() {
    Map<String, String> settings = minimal();
    settings.put("microphone.source", "alsa");
    settings.put("microphone.input", "hw:1,0");
    CaptureSpec mic = load(settings).evidence().microphone().orElseThrow();
    assertEquals(CaptureSpec.Source.ALSA, mic.source());
    assertEquals("hw:1,0", mic.input());
    settings.put("microphone.source", "usb");
    assertNamed("microphone.source", settings);
  }

  private static void assertNamed(String key, Map<String, String> settings) {
    var error = assertThrows(Settings.SettingsException.class, () -> load(settings));
    assertTrue(error.getMessage().contains(key), error.getMessage());
  }
}
