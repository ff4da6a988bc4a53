package dev.vigil.device.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.tinylog.Logger;

/**
 * The device's durable outbox: an append-only log of sealed records and a log of acknowledged
 * sequence numbers, both checksummed, in one folder. A record counts as recorded once {@link
 * #append} (with {@code sync}) or {@link #sync} returned: it survives {@code kill -9} and power
 * loss from then on, and leaves only when the gateway acknowledges it.
 *
 * <pre>
 * seg-NNNNNNNN.log  entries: u32 bodyLength | u32 crc32c(body) | body
 *                   body:    u8 lane | u64 seq | u16 topicLength | topic (UTF-8) | envelope
 * acks.log          entries: u64 seq | u32 crc32c(seq bytes)
 * </pre>
 *
 * Recovery reads every segment and the ack log; a torn entry at the end of a file (a write cut by
 * power loss) ends that file and is cut off. A segment whose records are all acknowledged is
 * deleted. Not thread-safe: the sender and the agent call it under one lock ({@link OutboxSender}).
 */
public final class Outbox implements AutoCloseable {
  /** Where and how much. {@code budgetBytes} caps the segments on disk. */
  public record Settings(Path folder, long segmentBytes, long budgetBytes) {}

  private record Entry(long seq, Lane lane, String topic, int segment, long offset, int length) {}

  private static final int ENTRY_HEADER = 8;
  private static final int ACK_BYTES = 12;

  private final Settings settings;
  private final Map<Lane, LinkedHashMap<Long, Entry>> pending = new EnumMap<>(Lane.class);
  private final Map<Long, Entry> bySeq = new HashMap<>();
  private final TreeMap<Integer, Integer> liveBySegment = new TreeMap<>();
  private final Map<Integer, FileChannel> readers = new HashMap<>();
  private final Set<Long> earlyAcks = new HashSet<>();
  private FileChannel active;
  private int activeSegment;
  private FileChannel acks;
  private long diskBytes;
  private long thinned;
  private boolean dirty;
  private List<OutboxRecord> unsynced = new ArrayList<>();

  private Outbox(Settings settings) {
    this.settings = settings;
    for (Lane lane : Lane.values()) {
      pending.put(lane, new LinkedHashMap<>());
    }
  }

  /** Opens the outbox in {@code settings.folder()}, recovering what an earlier run left. */
  public static Outbox open(Settings settings) throws IOException {
    Files.createDirectories(settings.folder());
    Outbox outbox = new Outbox(settings);
    outbox.recover();
    return outbox;
  }

  /**
   * Appends a record. With {@code sync} it is on stable storage when this returns; without, it is
   * when the next {@link #sync} returns (positions are group-committed). Returns the records this
   * call made durable: with {@code sync}, this one and any group-committed ones before it.
   */
  public List<OutboxRecord> append(OutboxRecord record, boolean sync) throws IOException {
    if (earlyAcks.remove(record.seq())) {
      return List
          .of(); // acked before it reached the disk (a panic sent in parallel with its write)
    }
    index(write(record));
    dirty = true;
    unsynced.add(record);
    List<OutboxRecord> durable = sync ? sync() : List.of();
    if (diskBytes > settings.budgetBytes()) {
      thinPositions();
    }
    return durable;
  }

  /** Writes one entry at the end of the active segment (rolling to a new one when full). */
  private Entry write(OutboxRecord record) throws IOException {
    byte[] topic = record.topic().getBytes(StandardCharsets.UTF_8);
    int bodyLength = 1 + 8 + 2 + topic.length + record.envelope().length;
    ByteBuffer entry = ByteBuffer.allocate(ENTRY_HEADER + bodyLength);
    entry.putInt(bodyLength).putInt(0);
    entry.put((byte) record.lane().ordinal()).putLong(record.seq()).putShort((short) topic.length);
    entry.put(topic).put(record.envelope());
    entry.putInt(4, crc(entry.array(), ENTRY_HEADER, bodyLength));
    if (active == null || active.size() + entry.capacity() > settings.segmentBytes()) {
      roll();
    }
    long offset = active.size();
    entry.flip();
    while (entry.hasRemaining()) {
      active.write(entry, offset + entry.position());
    }
    diskBytes += entry.capacity();
    return new Entry(
        record.seq(), record.lane(), record.topic(), activeSegment, offset, entry.capacity());
  }

  /**
   * Forces everything appended so far to stable storage; returns the records this made durable
   * (appended since the previous sync), oldest first.
   */
  public List<OutboxRecord> sync() throws IOException {
    if (!dirty) {
      return List.of();
    }
    if (active != null) {
      active.force(false);
    }
    acks.force(false);
    dirty = false;
    List<OutboxRecord> durable = unsynced;
    unsynced = new ArrayList<>();
    return durable;
  }

  /** The gateway has committed these; they leave the outbox. Unknown numbers are remembered. */
  public void ack(Collection<Long> seqs) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(ACK_BYTES * seqs.size());
    for (long seq : seqs) {
      Entry entry = bySeq.get(seq);
      if (entry == null) {
        if (earlyAcks.size() < 10_000) {
          earlyAcks.add(seq);
        }
        continue;
      }
      buffer.putLong(seq).putInt(crc(ByteBuffer.allocate(8).putLong(seq).array(), 0, 8));
      forget(entry);
    }
    buffer.flip();
    while (buffer.hasRemaining()) {
      acks.write(buffer);
    }
    dirty = true;
  }

  /**
   * Up to {@code max} waiting records, most urgent lane first and oldest first inside a lane,
   * leaving out {@code exclude} (those in flight).
   */
  public List<OutboxRecord> next(int max, Set<Long> exclude) throws IOException {
    List<OutboxRecord> out = new ArrayList<>(Math.min(max, 64));
    for (Lane lane : Lane.values()) {
      for (Entry entry : pending.get(lane).values()) {
        if (out.size() >= max) {
          return out;
        }
        if (!exclude.contains(entry.seq())) {
          out.add(read(entry));
        }
      }
    }
    return out;
  }

  public int size() {
    return bySeq.size();
  }

  public int size(Lane lane) {
    return pending.get(lane).size();
  }

  /** Positions dropped to stay within the disk budget since start. */
  public long thinned() {
    return thinned;
  }

  public long diskBytes() {
    return diskBytes;
  }

  @Override
  public void close() throws IOException {
    sync();
    for (FileChannel reader : readers.values()) {
      reader.close();
    }
    if (active != null) {
      active.close();
    }
    acks.close();
  }

  /**
   * Indexes an entry. A record already indexed was moved by a compaction (or found in two segments
   * after a crash during one): the newer copy replaces it, keeping its place in its lane.
   */
  private void index(Entry entry) {
    pending.get(entry.lane()).put(entry.seq(), entry);
    Entry previous = bySeq.put(entry.seq(), entry);
    if (previous != null) {
      liveBySegment.merge(previous.segment(), -1, Integer::sum);
    }
    liveBySegment.merge(entry.segment(), 1, Integer::sum);
  }

  private void forget(Entry entry) throws IOException {
    pending.get(entry.lane()).remove(entry.seq());
    bySeq.remove(entry.seq());
    int live = liveBySegment.merge(entry.segment(), -1, Integer::sum);
    if (live == 0 && entry.segment() != activeSegment) {
      deleteSegment(entry.segment());
    }
  }

  /**
   * Brings the log back under 90% of its budget, oldest segment first: each is compacted, keeping
   * every alarm and every second position, so the oldest stretch of a long outage grows sparser and
   * the newest stays whole. Dropping records alone would free nothing, since a segment's file goes
   * only when all its records have.
   */
  private void thinPositions() throws IOException {
    long before = thinned;
    while (diskBytes > settings.budgetBytes() * 9 / 10) {
      Integer oldest = oldestSegmentWithPositions();
      if (oldest == null) {
        Logger.warn("outbox over its disk budget with no position left to thin: alarms are kept");
        break;
      }
      compact(oldest);
    }
    if (thinned > before) {
      Logger.warn("outbox full: thinned {} of the oldest waiting positions", thinned - before);
    }
  }

  private Integer oldestSegmentWithPositions() {
    for (int number : liveBySegment.keySet()) {
      if (number == activeSegment) {
        return null; // everything older holds alarms only
      }
      for (Entry entry : pending.get(Lane.POSITION).values()) {
        if (entry.segment() == number) {
          return number;
        }
      }
    }
    return null;
  }

  /**
   * Copies the keepers of segment {@code number} to the active segment, fsyncs them, then deletes
   * the old file. A crash before the delete leaves both copies; recovery keeps the newer one.
   */
  private void compact(int number) throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (Entry entry : bySeq.values()) {
      if (entry.segment() == number) {
        entries.add(entry);
      }
    }
    entries.sort(java.util.Comparator.comparingLong(Entry::seq));
    boolean keepPosition = false;
    for (Entry entry : entries) {
      if (entry.lane() != Lane.POSITION || keepPosition) {
        index(write(read(entry)));
      } else {
        pending.get(Lane.POSITION).remove(entry.seq());
        bySeq.remove(entry.seq());
        thinned++;
      }
      keepPosition = entry.lane() == Lane.POSITION ? !keepPosition : keepPosition;
    }
    active.force(false);
    deleteSegment(number);
  }

  private void roll() throws IOException {
    if (active != null) {
      active.force(false);
      int previous = activeSegment;
      active.close();
      if (liveBySegment.getOrDefault(previous, 0) == 0) {
        deleteSegment(previous);
      }
    }
    activeSegment++;
    active =
        FileChannel.open(
            segment(activeSegment),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    syncFolder();
  }

  private void deleteSegment(int number) throws IOException {
    FileChannel reader = readers.remove(number);
    if (reader != null) {
      reader.close();
    }
    Path file = segment(number);
    diskBytes -= Files.exists(file) ? Files.size(file) : 0;
    Files.deleteIfExists(file);
    liveBySegment.remove(number);
  }

  private OutboxRecord read(Entry entry) throws IOException {
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
    int topicLength = buffer.getShort(ENTRY_HEADER + 9) & 0xFFFF;
    int envelopeStart = ENTRY_HEADER + 11 + topicLength;
    byte[] envelope = new byte[entry.length() - envelopeStart];
    buffer.position(envelopeStart);
    buffer.get(envelope);
    return new OutboxRecord(entry.seq(), entry.lane(), entry.topic(), envelope);
  }

  private FileChannel openReader(int number) {
    try {
      return FileChannel.open(segment(number), StandardOpenOption.READ);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void recover() throws IOException {
    List<Integer> numbers = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(settings.folder(), "seg-*.log")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        numbers.add(Integer.parseInt(name.substring(4, name.length() - 4)));
      }
    }
    numbers.sort(null);
    for (int number : numbers) {
      recoverSegment(number);
      activeSegment = Math.max(activeSegment, number);
    }
    Map<Long, Integer> ackedInSegment = new HashMap<>();
    for (long seq : recoverAcks()) {
      Entry entry = bySeq.get(seq);
      if (entry != null) {
        pending.get(entry.lane()).remove(seq);
        bySeq.remove(seq);
        liveBySegment.merge(entry.segment(), -1, Integer::sum);
        ackedInSegment.put(seq, entry.segment());
      }
    }
    for (int number : numbers) {
      if (liveBySegment.getOrDefault(number, 0) == 0) {
        deleteSegment(number);
      }
    }
    // Acknowledged records in segments still on disk must stay acknowledged in the new log.
    ackedInSegment.values().removeIf(segment -> !liveBySegment.containsKey(segment));
    rewriteAcks(ackedInSegment.keySet());
    Logger.info("outbox recovered: {} records waiting, {} bytes", bySeq.size(), diskBytes);
  }

  private void recoverSegment(int number) throws IOException {
    Path file = segment(number);
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      long offset = 0;
      ByteBuffer header = ByteBuffer.allocate(ENTRY_HEADER);
      while (offset + ENTRY_HEADER <= size) {
        header.clear();
        channel.read(header, offset);
        int bodyLength = header.getInt(0);
        if (bodyLength < 11 || offset + ENTRY_HEADER + bodyLength > size) {
          break;
        }
        ByteBuffer body = ByteBuffer.allocate(bodyLength);
        channel.read(body, offset + ENTRY_HEADER);
        if (crc(body.array(), 0, bodyLength) != header.getInt(4)) {
          break;
        }
        Lane lane = Lane.values()[body.get(0)];
        long seq = body.getLong(1);
        int topicLength = body.getShort(9) & 0xFFFF;
        String topic = new String(body.array(), 11, topicLength, StandardCharsets.UTF_8);
        index(new Entry(seq, lane, topic, number, offset, ENTRY_HEADER + bodyLength));
        offset += ENTRY_HEADER + bodyLength;
      }
      if (offset < size) {
        Logger.warn("outbox segment {}: cut a torn entry at byte {} of {}", number, offset, size);
        channel.truncate(offset);
        channel.force(true);
      }
      diskBytes += offset;
    }
  }

  private Set<Long> recoverAcks() throws IOException {
    Set<Long> acked = new HashSet<>();
    Path file = settings.folder().resolve("acks.log");
    if (!Files.exists(file)) {
      return acked;
    }
    ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file));
    while (all.remaining() >= ACK_BYTES) {
      long seq = all.getLong();
      int crc = all.getInt();
      if (crc != crc(ByteBuffer.allocate(8).putLong(seq).array(), 0, 8)) {
        break;
      }
      acked.add(seq);
    }
    return acked;
  }

  /**
   * Replaces the ack log with one holding only {@code keep}: acknowledgements of records whose
   * segments are gone are no longer needed, so the log does not grow for ever.
   */
  private void rewriteAcks(Set<Long> keep) throws IOException {
    Path file = settings.folder().resolve("acks.log");
    Path temp = settings.folder().resolve("acks.log.tmp");
    ByteBuffer buffer = ByteBuffer.allocate(ACK_BYTES * keep.size());
    for (long seq : keep) {
      buffer.putLong(seq).putInt(crc(ByteBuffer.allocate(8).putLong(seq).array(), 0, 8));
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
    Files.move(
        temp,
        file,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    acks = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    syncFolder();
  }

  private Path segment(int number) {
    return settings.folder().resolve(String.format("seg-%08d.log", number));
  }

  private void syncFolder() {
    try (FileChannel folder = FileChannel.open(settings.folder())) {
      folder.force(true);
    } catch (IOException ignored) {
      // Not every file system can sync a directory; the entries' own checksums still hold.
    }
  }

  private static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }
}
