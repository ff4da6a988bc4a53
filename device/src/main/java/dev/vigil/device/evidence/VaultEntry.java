package dev.vigil.device.evidence;

import dev.vigil.protocol.media.MediaHeader;
import java.time.Instant;

/**
 * One sealed file in the vault, known by its clear header.
 *
 * @param fileName name inside the vault folder
 * @param sealedBytes size of the sealed file
 */
public record VaultEntry(String fileName, MediaHeader header, long sealedBytes) {
  public Instant start() {
    return Instant.ofEpochMilli(header.startMs());
  }

  public Instant end() {
    return Instant.ofEpochMilli(header.startMs() + header.durationMs());
  }

  /** True when the recording shares any instant with [from, to). */
  public boolean overlaps(Instant from, Instant to) {
    return start().isBefore(to) && end().isAfter(from);
  }
}
