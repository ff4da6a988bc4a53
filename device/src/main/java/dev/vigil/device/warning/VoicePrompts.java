package dev.vigil.device.warning;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The shipped prompt audio of one language, every {@link WarningKind} loaded at start: a missing or
 * unreadable prompt stops the agent then, not in the cab when it is first needed.
 */
public final class VoicePrompts {
  /** Prompt languages; the folder under {@code prompts/} is the lower-case name. */
  public enum Language {
    EN,
    ZH;

    String folder() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Language language;
  private final Map<WarningKind, PcmClip> clips = new EnumMap<>(WarningKind.class);

  private VoicePrompts(Language language) {
    this.language = language;
    for (WarningKind kind : WarningKind.values()) {
      clips.put(kind, PcmClip.fromWav(read(resource(language, kind))));
    }
  }

  public static VoicePrompts load(Language language) {
    return new VoicePrompts(language);
  }

  /** The classpath resource holding a prompt, e.g. {@code /prompts/zh/SPEEDING.wav}. */
  public static String resource(Language language, WarningKind kind) {
    return "/prompts/" + language.folder() + "/" + kind.name() + ".wav";
  }

  public Language language() {
    return language;
  }

  public PcmClip clip(WarningKind kind) {
    return clips.get(kind);
  }

  private static byte[] read(String resource) {
    try (InputStream in = VoicePrompts.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("voice prompt " + resource + " is missing from the build");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading voice prompt " + resource, e);
    }
  }
}
