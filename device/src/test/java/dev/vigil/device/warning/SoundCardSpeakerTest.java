package dev.vigil.device.warning;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.warning.VoicePrompts.Language;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Voice configured on, but the box has no such audio output: the agent must not start quietly. */
@Timeout(20)
class SoundCardSpeakerTest {
  @Test
  void aMissingAudioDeviceIsALoudErrorWhenVoiceIsOn() {
    VoiceSettings settings =
        new VoiceSettings(
            true,
            Language.EN,
            VoiceSettings.Output.SOUND_CARD,
            Optional.of("no-such-sound-card-in-this-box"),
            Path.of("unused.wav"),
            false);
    IllegalStateException error = assertThrows(IllegalStateException.class, settings::open);
    assertTrue(
        error.getMessage().contains("no audio output for voice prompts")
            && error.getMessage().contains("no-such-sound-card-in-this-box"),
        error.getMessage());
  }

  @Test
  void voiceOffNeedsNoAudioDevice() {
    VoiceSettings settings =
        new VoiceSettings(
            false,
            Language.EN,
            VoiceSettings.Output.SOUND_CARD,
            Optional.of("no-such-sound-card-in-this-box"),
            Path.of("unused.wav"),
            false);
    WarningOutput output = settings.open();
    output.warn(WarningKind.SPEEDING); // logged only; nothing to open, nothing thrown
    assertTrue(!(output instanceof VoiceOutput));
  }
}
