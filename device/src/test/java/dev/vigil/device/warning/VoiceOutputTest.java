package dev.vigil.device.warning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.warning.VoicePrompts.Language;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Warnings rendered to a WAV file: the right prompts, in order, in the configured language. */
@Timeout(20)
class VoiceOutputTest {
  @TempDir Path folder;

  @Test
  void aWarningIsRenderedAsItsShippedPrompt() throws Exception {
    Path wav = folder.resolve("cab.wav");
    try (VoiceOutput voice = open(Language.EN, wav)) {
      voice.warn(WarningKind.SPEEDING);
    }
    PcmClip rendered = PcmClip.fromWav(Files.readAllBytes(wav));
    PcmClip shipped = shipped(Language.EN, WarningKind.SPEEDING);
    assertArrayEquals(shipped.pcm(), rendered.pcm());
    assertEquals(shipped.durationMs(), rendered.durationMs());
    assertTrue(rendered.rms() > VoicePromptsTest.RMS_FLOOR, "silent: rms " + rendered.rms());
  }

  @Test
  void mandarinIsSpokenWhenConfigured() throws Exception {
    Path wav = folder.resolve("cab.wav");
    WarningOutput output =
        new VoiceSettings(
                true,
                Language.ZH,
                VoiceSettings.Output.WAV_FILE,
                java.util.Optional.empty(),
                wav,
                false)
            .open();
    output.warn(WarningKind.FATIGUE);
    ((VoiceOutput) output).close();
    byte[] rendered = PcmClip.fromWav(Files.readAllBytes(wav)).pcm();
    assertArrayEquals(shipped(Language.ZH, WarningKind.FATIGUE).pcm(), rendered);
    assertTrue(!Arrays.equals(shipped(Language.EN, WarningKind.FATIGUE).pcm(), rendered));
  }

  @Test
  void warningsArePlayedInOrderBackToBack() throws Exception {
    Path wav = folder.resolve("cab.wav");
    try (VoiceOutput voice = open(Language.EN, wav)) {
      voice.warn(WarningKind.HARSH_BRAKING);
      voice.warn(WarningKind.TRIP_ENDED);
    }
    PcmClip expected =
        shipped(Language.EN, WarningKind.HARSH_BRAKING)
            .append(shipped(Language.EN, WarningKind.TRIP_ENDED));
    assertArrayEquals(expected.pcm(), PcmClip.fromWav(Files.readAllBytes(wav)).pcm());
  }

  @Test
  void aDriverFarBehindHearsNoStaleWarnings() throws Exception {
    BlockedSpeaker speaker = new BlockedSpeaker();
    VoiceOutput voice = new VoiceOutput(VoicePrompts.load(Language.EN), speaker);
    voice.warn(WarningKind.SPEEDING);
    speaker.started.await();
    for (int i = 0; i < VoiceOutput.QUEUE + 2; i++) {
      voice.warn(WarningKind.SPEEDING_PREWARN);
    }
    assertEquals(2, voice.dropped());
    speaker.release.countDown();
    voice.close();
    assertEquals(1 + VoiceOutput.QUEUE, speaker.plays);
  }

  private static VoiceOutput open(Language language, Path wav) {
    return new VoiceOutput(VoicePrompts.load(language), new WavFileSpeaker(wav));
  }

  private static PcmClip shipped(Language language, WarningKind kind) throws Exception {
    try (var in =
        VoiceOutputTest.class.getResourceAsStream(VoicePrompts.resource(language, kind))) {
      return PcmClip.fromWav(in.readAllBytes());
    }
  }

  /** A speaker stuck in its first clip until released, as a long prompt would be. */
  private static final class BlockedSpeaker implements Speaker {
    final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    volatile int plays;

    @Override
    public void play(PcmClip clip) throws InterruptedException {
      plays++;
      started.countDown();
      release.await();
    }
  }
}
