package dev.vigil.device.warning;

import dev.vigil.protocol.settings.Arguments;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code vigil-device say KIND}: speaks one prompt through the configured voice output, so an
 * installer can hear that the cab's speaker works and the language is right. Voice is switched on
 * for the command even where the configuration leaves it off; a missing audio output fails it.
 */
public final class SayCommand {
  private SayCommand() {}

  public static int run(String kindName, VoiceSettings configured, PrintStream out) {
    WarningKind kind = kind(kindName);
    VoiceSettings on =
        new VoiceSettings(
            true,
            configured.language(),
            configured.output(),
            configured.mixer(),
            configured.wavFile(),
            configured.confirmHelp());
    try (VoiceOutput voice = (VoiceOutput) on.open()) {
      voice.warn(kind);
    }
    out.println("said " + kind + " in " + configured.language() + " to " + configured.output());
    return 0;
  }

  private static WarningKind kind(String name) {
    try {
      return WarningKind.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new Arguments.UsageException(
          "unknown prompt '" + name + "'; one of " + Arrays.toString(WarningKind.values()));
    }
  }
}
