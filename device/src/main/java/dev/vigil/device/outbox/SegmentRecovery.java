package dev.vigil.device.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * The recovery scan of one segment: every intact entry is handed on, and a torn or corrupt entry (a
 * write cut by power loss) ends the file and is cut off. An intact entry of a lane this version
 * does not know stays on disk and is skipped, with an error logged.
 */
final class SegmentRecovery {
  private SegmentRecovery() {}

  /** Scans segment {@code number} in {@code file}; returns its length after any cut. */
  static long scan(Path file, int number, Consumer<SegmentEntry> found) throws IOException {
    int header = SegmentFormat.ENTRY_HEADER;
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      long offset = 0;
      ByteBuffer head = ByteBuffer.allocate(header);
      while (offset + header <= size) {
        head.clear();
        channel.read(head, offset);
        int bodyLength = head.getInt(0);
        if (bodyLength < SegmentFormat.MIN_BODY || offset + header + bodyLength > size) {
          break;
        }
        ByteBuffer body = ByteBuffer.allocate(bodyLength);
        channel.read(body, offset + header);
        if (SegmentFormat.crc(body.array(), 0, bodyLength) != head.getInt(4)) {
          break;
        }
        Optional<Lane> known = Lane.fromCode(body.get(0));
        long seq = body.getLong(1);
        if (known.isEmpty()) {
          // Intact but written by a newer version: keep it on disk, skip it here, say so.
          Logger.error(
              "outbox segment {}: record {} has unknown lane {}", number, seq, body.get(0));
        } else {
          String topic = SegmentFormat.topic(body);
          found.accept(
              new SegmentEntry(seq, known.get(), topic, number, offset, header + bodyLength));
        }
        offset += header + bodyLength;
      }
      if (offset < size) {
        Logger.warn("outbox segment {}: cut a torn entry at byte {} of {}", number, offset, size);
        channel.truncate(offset);
        channel.force(true);
      }
      return offset;
    }
  }
}
