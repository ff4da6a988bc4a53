package dev.vigil.device.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The segment files of one outbox folder: the active one that entries are appended to, readers for
 * older ones, and the bytes they take on disk. Knows nothing of lanes or acknowledgements.
 */
final class SegmentFiles implements AutoCloseable {
  private final Path folder;
  private final long segmentBytes;
  private final Map<Integer, FileChannel> readers = new HashMap<>();
  private FileChannel active;
  private int activeSegment;
  private long diskBytes;

  SegmentFiles(Path folder, long segmentBytes) {
    this.folder = folder;
    this.segmentBytes = segmentBytes;
  }

  /** The numbers of the segments on disk, ascending. */
  List<Integer> existing() throws IOException {
    List<Integer> numbers = new ArrayList<>();
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(folder, SegmentFormat.SEGMENT_GLOB)) {
      for (Path file : files) {
        numbers.add(SegmentFormat.segmentNumber(file.getFileName().toString()));
      }
    }
    numbers.sort(null);
    return numbers;
  }

  Path path(int number) {
    return folder.resolve(SegmentFormat.segmentName(number));
  }

  /** A segment found at recovery, {@code validBytes} long once its torn end was cut. */
  void recovered(int number, long validBytes) {
    activeSegment = Math.max(activeSegment, number);
    diskBytes += validBytes;
  }

  int activeSegment() {
    return activeSegment;
  }

  long diskBytes() {
    return diskBytes;
  }

  /** Whether an entry of {@code bytes} must go to a new segment. */
  boolean needsRoll(int bytes) throws IOException {
    return active == null || active.size() + bytes > segmentBytes;
  }

  /** Fsyncs and closes the active segment; returns its number, or -1 if there was none. */
  int closeActive() throws IOException {
    if (active == null) {
      return -1;
    }
    active.force(false);
    active.close();
    return activeSegment;
  }

  /** Opens the next segment as the active one. */
  void openNext() throws IOException {
    activeSegment++;
    active =
        FileChannel.open(
            path(activeSegment),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    syncFolder();
  }

  /** Writes an encoded entry at the end of the active segment; returns where it went. */
  SegmentEntry append(OutboxRecord record, ByteBuffer entry) throws IOException {
    long offset = active.size();
    while (entry.hasRemaining()) {
      active.write(entry, offset + entry.position());
    }
    diskBytes += entry.capacity();
    return new SegmentEntry(
        record.seq(), record.lane(), record.topic(), activeSegment, offset, entry.capacity());
  }

  void forceActive() throws IOException {
    if (active != null) {
      active.force(false);
    }
  }

  OutboxRecord read(SegmentEntry entry) throws IOException {
    FileChannel channel =
        active != null && entry.segment() == activeSegment
            ? active
            : readers.computeIfAbsent(entry.segment(), this::openReader);
    ByteBuffer buffer = ByteBuffer.allocate(entry.length());
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, entry.offset() + buffer.position()) < 0) {
        throw new IOException("outbox segment " + entry.segment() + " ends early");
      }
    }
    return SegmentFormat.decode(entry, buffer);
  }

  void delete(int number) throws IOException {
    FileChannel reader = readers.remove(number);
    if (reader != null) {
      reader.close();
    }
    Path file = path(number);
    diskBytes -= Files.exists(file) ? Files.size(file) : 0;
    Files.deleteIfExists(file);
  }

  void syncFolder() {
    try (FileChannel channel = FileChannel.open(folder)) {
      channel.force(true);
    } catch (IOException ignored) {
      // Not every file system can sync a directory; the entries' own checksums still hold.
    }
  }

  private FileChannel openReader(int number) {
    try {
      return FileChannel.open(path(number), StandardOpenOption.READ);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    for (FileChannel reader : readers.values()) {
      reader.close();
    }
    if (active != null) {
      active.close();
    }
  }
}
