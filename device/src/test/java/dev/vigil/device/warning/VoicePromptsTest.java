package dev.vigil.device.warning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.warning.VoicePrompts.Language;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shipped prompts: every kind in every language, in one format, audible, of sensible length.
 */
@Timeout(20)
class VoicePromptsTest {
  /** Speech peaks near -1 dBFS after normalisation; its RMS sits far above this (silence: 0). */
  static final double RMS_FLOOR = 0.02;

  @Test
  void everyKindHasAnAudiblePromptOfAFewSecondsInEveryLanguage() {
    for (Language language : Language.values()) {
      VoicePrompts prompts = VoicePrompts.load(language);
      for (WarningKind kind : WarningKind.values()) {
        PcmClip clip = prompts.clip(kind);
        String name = language + "/" + kind;
        assertEquals(16_000, clip.sampleRateHz(), name);
        assertEquals(1, clip.channels(), name);
        assertTrue(clip.rms() > RMS_FLOOR, name + " is silent: rms " + clip.rms());
        assertTrue(
            clip.durationMs() >= 500 && clip.durationMs() <= 8_000,
            name + " lasts " + clip.durationMs() + " ms");
      }
    }
  }

  @Test
  void theLanguagesHaveDifferentRecordings() {
    VoicePrompts en = VoicePrompts.load(Language.EN);
    VoicePrompts zh = VoicePrompts.load(Language.ZH);
    for (WarningKind kind : WarningKind.values()) {
      assertFalse(
          Arrays.equals(en.clip(kind).pcm(), zh.clip(kind).pcm()), kind + " is the same in both");
    }
  }

  @Test
  void everyPromptTextNamesAKindAndEveryKindHasAText() throws IOException {
    Set<String> kinds =
        Arrays.stream(WarningKind.values()).map(Enum::name).collect(Collectors.toSet());
    for (String language : new String[] {"en", "zh"}) {
      Path texts = Path.of("src/main/prompts", language + ".txt");
      Set<String> named = new TreeSet<>();
      for (String line : Files.readAllLines(texts, StandardCharsets.UTF_8)) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] parts = line.split("\\|", 2);
          assertEquals(2, parts.length, texts + ": " + line);
          assertFalse(parts[1].isBlank(), texts + ": " + line);
          named.add(parts[0]);
        }
      }
      assertEquals(new TreeSet<>(kinds), named, texts.toString());
    }
  }
}
