package dev.vigil.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.warning.PcmClip;
import dev.vigil.device.warning.VoicePrompts;
import dev.vigil.device.warning.WarningKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil-device say KIND}: the installer's check that the cab hears the prompts. */
@Timeout(20)
class SayCommandTest {
  @TempDir Path folder;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return DeviceMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void saysThePromptInTheConfiguredLanguageEvenWithVoiceOff() throws Exception {
    Path wav = folder.resolve("said.wav");
    int status =
        run(
            "say",
            "night-driving",
            "device.id=box-1",
            "vehicle.id=VEH-1",
            "warnings.voice.language=zh",
            "warnings.voice.output=wav-file",
            "warnings.voice.wav-file=" + wav);

    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    try (var in =
        getClass()
            .getResourceAsStream(
                VoicePrompts.resource(VoicePrompts.Language.ZH, WarningKind.NIGHT_DRIVING))) {
      assertArrayEquals(
          PcmClip.fromWav(in.readAllBytes()).pcm(), PcmClip.fromWav(Files.readAllBytes(wav)).pcm());
    }
  }

  @Test
  void aBoxWithoutItsSoundCardFailsTheCheckLoudly() {
    int status =
        run(
            "say",
            "SPEEDING",
            "device.id=box-1",
            "vehicle.id=VEH-1",
            "warnings.voice.mixer=no-such-card");

    assertEquals(1, status);
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("no audio output for voice prompts"),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anUnknownPromptListsTheKinds() {
    assertEquals(2, run("say", "HONK", "device.id=box-1", "vehicle.id=VEH-1"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("FATIGUE_PREWARN"));
  }
}
