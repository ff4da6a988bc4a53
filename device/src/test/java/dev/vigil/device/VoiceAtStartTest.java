package dev.vigil.device;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.provisioning.DeviceKeys;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The agent itself refuses to start when voice is on and the box has no such audio output. */
@Timeout(20)
class VoiceAtStartTest {
  @TempDir Path folder;

  @Test
  void theAgentDoesNotStartSilentWhenItsSoundCardIsMissing() throws Exception {
    DeviceKeys.generate(folder.resolve("keys"));
    Map<String, String> settings = new HashMap<>();
    settings.put("device.id", "box-1");
    settings.put("vehicle.id", "VEH-1");
    settings.put("data.dir", folder.toString());
    settings.put("warnings.voice.enabled", "true");
    settings.put("warnings.voice.mixer", "no-such-card-in-this-box");

    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () -> Device.start(DeviceConfig.load(Optional.empty(), settings)).close());

    assertTrue(error.getMessage().contains("no-such-card-in-this-box"), error.getMessage());
  }
}
