package dev.vigil.device.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code acks.log}: the sequence numbers the gateway acknowledged whose records may still be in a
 * segment on disk ({@link SegmentFormat} gives the layout). Read at recovery up to the first torn
 * or corrupt entry, then rewritten holding only what is still needed, so it does not grow for ever.
 */
final class AckLog implements AutoCloseable {
  private final FileChannel channel;

  private AckLog(FileChannel channel) {
    this.channel = channel;
  }

  /** The numbers an earlier run wrote. */
  static Set<Long> read(Path folder) throws IOException {
    Set<Long> acked = new HashSet<>();
    Path file = folder.resolve(SegmentFormat.ACK_FILE);
    if (!Files.exists(file)) {
      return acked;
    }
    ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file));
    while (all.remaining() >= SegmentFormat.ACK_BYTES) {
      long seq = all.getLong();
      int crc = all.getInt();
      if (crc != SegmentFormat.ackCrc(seq)) {
        break;
      }
      acked.add(seq);
    }
    return acked;
  }

  /** Replaces the log with one holding only {@code keep} (atomically), open for appending. */
  static AckLog rewrite(Path folder, Set<Long> keep) throws IOException {
    Path file = folder.resolve(SegmentFormat.ACK_FILE);
    Path temp = folder.resolve(SegmentFormat.ACK_FILE + ".tmp");
    ByteBuffer buffer = ByteBuffer.allocate(SegmentFormat.ACK_BYTES * keep.size());
    for (long seq : keep) {
      SegmentFormat.putAck(buffer, seq);
    }
    buffer.flip();
    try (FileChannel fresh =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      while (buffer.hasRemaining()) {
        fresh.write(buffer);
      }
      fresh.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return new AckLog(FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
  }

  /** Appends {@code seqs}; durable after the next {@link #force}. */
  void append(Collection<Long> seqs) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(SegmentFormat.ACK_BYTES * seqs.size());
    for (long seq : seqs) {
      SegmentFormat.putAck(buffer, seq);
    }
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  void force() throws IOException {
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
