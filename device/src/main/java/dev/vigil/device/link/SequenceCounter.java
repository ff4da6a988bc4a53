package dev.vigil.device.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The device's envelope sequence numbers. A number must never repeat under one key (it is the AEAD
 * nonce), so numbers are reserved in blocks: before handing out any number of a block, the block's
 * end is written and fsynced. After a crash the counter resumes at the last reserved end, skipping
 * what was unused: it only ever moves forward.
 */
public final class SequenceCounter {
  private final Path file;
  private final long blockSize;
  private long next;
  private long reservedUntil;

  private SequenceCounter(Path file, long blockSize, long start) {
    this.file = file;
    this.blockSize = blockSize;
    this.next = start;
    this.reservedUntil = start;
  }

  /** Opens the counter kept in {@code file}; a missing file starts at 1. */
  public static SequenceCounter open(Path file, long blockSize) throws IOException {
    long start = 1;
    if (Files.exists(file)) {
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      try {
        start = Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new IOException(
            "sequence file "
                + file
                + " is corrupt ('"
                + text
                + "'): refusing to"
                + " guess, since a repeated sequence number would reuse a nonce; re-enrol the device");
      }
    }
    return new SequenceCounter(file, blockSize, start);
  }

  public synchronized long next() throws IOException {
    if (next >= reservedUntil) {
      reserve(next + blockSize);
    }
    return next++;
  }

  private void reserve(long until) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(ByteBuffer.wrap(Long.toString(until).getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
    }
    Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel folder = FileChannel.open(file.toAbsolutePath().getParent())) {
      folder.force(true);
    } catch (IOException ignored) {
      // Some file systems cannot sync a directory; the rename is still atomic there.
    }
    reservedUntil = until;
  }
}
