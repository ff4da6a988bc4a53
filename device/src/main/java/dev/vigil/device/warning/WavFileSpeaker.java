package dev.vigil.device.warning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders what would be played into a WAV file instead of a sound card (tests, the demo, a box
 * without a speaker on the bench): every clip played so far, back to back, rewritten after each
 * clip so the file is always a complete WAV.
 */
public final class WavFileSpeaker implements Speaker {
  private final Path file;
  private final List<PcmClip> played = new ArrayList<>();
  private PcmClip all;

  public WavFileSpeaker(Path file) {
    this.file = file;
  }

  @Override
  public synchronized void play(PcmClip clip) throws IOException {
    all = all == null ? clip : all.append(clip);
    played.add(clip);
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(temp, all.toWav());
    Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** The clips played so far, in order. */
  public synchronized List<PcmClip> played() {
    return List.copyOf(played);
  }
}
