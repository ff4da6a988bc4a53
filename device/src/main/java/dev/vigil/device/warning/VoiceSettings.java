package dev.vigil.device.warning;

import dev.vigil.device.warning.VoicePrompts.Language;
import java.nio.file.Path;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * The voice prompt settings ({@code warnings.voice.*} in {@code config/device.properties}) and the
 * output they choose. Real or file output is an explicit choice: with the sound card chosen, a box
 * without a working audio output does not start.
 *
 * @param confirmHelp speak {@link WarningKind#HELP_ACKNOWLEDGED} when the control room takes the
 *     vehicle's panic ({@code warnings.voice.confirm-help}); off keeps the panic silent end to end
 */
public record VoiceSettings(
    boolean enabled,
    Language language,
    Output output,
    Optional<String> mixer,
    Path wavFile,
    boolean confirmHelp) {

  /** Where the prompts go. */
  public enum Output {
    /** The box's audio output (javax.sound.sampled; ALSA on a Pi). */
    SOUND_CARD,
    /** A WAV file holding everything played (tests, demo, bench). */
    WAV_FILE
  }

  /**
   * The configured output, opened and ready.
   *
   * @throws IllegalStateException when voice is enabled for the sound card and it has none
   */
  public WarningOutput open() {
    if (!enabled) {
      return kind -> Logger.info("voice prompts are off (warnings.voice.enabled): {}", kind);
    }
    VoicePrompts prompts = VoicePrompts.load(language);
    Speaker speaker =
        switch (output) {
          case SOUND_CARD -> new SoundCardSpeaker(mixer, prompts.clip(WarningKind.values()[0]));
          case WAV_FILE -> new WavFileSpeaker(wavFile);
        };
    Logger.info("voice prompts in {} to {}", language, output);
    return new VoiceOutput(prompts, speaker);
  }
}
