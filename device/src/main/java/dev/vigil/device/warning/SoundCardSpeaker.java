package dev.vigil.device.warning;

import java.util.Arrays;
import java.util.Optional;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;

/**
 * The cab's audio output through javax.sound.sampled (on a Pi: ALSA, the headphone jack or an HDMI
 * or USB sound card): the only class that imports javax.sound. The output line is opened once, at
 * start, for the prompts' format, so a box without a working sound output fails then, loudly,
 * instead of staying silent in the cab.
 */
public final class SoundCardSpeaker implements Speaker {
  private final SourceDataLine line;
  private final AudioFormat format;

  /**
   * @param mixer part of the name of the mixer to use (as {@code aplay -L} or javax.sound list it),
   *     or empty for the system's default output
   * @throws IllegalStateException when no such output exists or it cannot be opened
   */
  public SoundCardSpeaker(Optional<String> mixer, PcmClip sampleFormat) {
    format = new AudioFormat(sampleFormat.sampleRateHz(), 16, sampleFormat.channels(), true, false);
    DataLine.Info wanted = new DataLine.Info(SourceDataLine.class, format);
    try {
      line =
          (SourceDataLine)
              (mixer.isPresent()
                  ? AudioSystem.getMixer(find(mixer.get())).getLine(wanted)
                  : AudioSystem.getLine(wanted));
      line.open(format);
      line.start();
    } catch (LineUnavailableException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "no audio output for voice prompts ("
              + mixer.map(name -> "mixer '" + name + "'").orElse("the default mixer")
              + ", "
              + format
              + "): "
              + e.getMessage(),
          e);
    }
  }

  private static Mixer.Info find(String name) {
    Mixer.Info[] all = AudioSystem.getMixerInfo();
    return Arrays.stream(all)
        .filter(info -> info.getName().contains(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no mixer named like '"
                        + name
                        + "'; present: "
                        + Arrays.stream(all).map(Mixer.Info::getName).toList()));
  }

  @Override
  public void play(PcmClip clip) {
    if (clip.sampleRateHz() != format.getSampleRate() || clip.channels() != format.getChannels()) {
      throw new IllegalArgumentException("prompt format differs from the opened line " + format);
    }
    line.write(clip.pcm(), 0, clip.pcm().length);
    line.drain();
  }

  @Override
  public void close() {
    line.close();
  }
}
