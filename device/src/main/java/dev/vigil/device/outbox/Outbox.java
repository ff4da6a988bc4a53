package dev.vigil.device.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tinylog.Logger;

/**
 * The device's durable outbox: an append-only log of sealed records and a log of acknowledged
 * sequence numbers, both checksummed, in one folder ({@link SegmentFormat} gives the layout). A
 * record counts as recorded once {@link #append} (with {@code sync}) or {@link #sync} returned: it
 * survives {@code kill -9} and power loss from then on, and leaves only when the gateway
 * acknowledges it.
 *
 * <p>Recovery reads every segment ({@link SegmentRecovery}) and the ack log ({@link AckLog}); a
 * torn entry at the end of a file ends that file and is cut off. A segment whose records are all
 * acknowledged is deleted. Not thread-safe: the sender and the agent call it under one lock ({@link
 * OutboxSender}).
 */
public final class Outbox implements AutoCloseable {
  /** Where and how much. {@code budgetBytes} caps the segments on disk. */
  public record Settings(Path folder, long segmentBytes, long budgetBytes) {}

  private final Settings settings;
  private final SegmentFiles segments;
  private final LaneQueues queues = new LaneQueues();
  private final GroupCommit commit = new GroupCommit();
  private final Set<Long> earlyAcks = new HashSet<>();
  private AckLog acks;
  private long thinned;

  private Outbox(Settings settings) {
    this.settings = settings;
    this.segments = new SegmentFiles(settings.folder(), settings.segmentBytes());
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
      // Acked before it reached the disk (a panic sent in parallel with its write).
      return List.of();
    }
    queues.index(write(record));
    commit.appended(record);
    List<OutboxRecord> durable = sync ? sync() : List.of();
    if (segments.diskBytes() > settings.budgetBytes()) {
      thinPositions();
    }
    return durable;
  }

  /**
   * Forces everything appended so far to stable storage; returns the records this made durable
   * (appended since the previous sync), oldest first.
   */
  public List<OutboxRecord> sync() throws IOException {
    if (!commit.dirty()) {
      return List.of();
    }
    segments.forceActive();
    acks.force();
    return commit.committed();
  }

  /** The gateway has committed these; they leave the outbox. Unknown numbers are remembered. */
  public void ack(Collection<Long> seqs) throws IOException {
    List<Long> known = new ArrayList<>(seqs.size());
    for (long seq : seqs) {
      SegmentEntry entry = queues.get(seq);
      if (entry == null) {
        if (earlyAcks.size() < 10_000) {
          earlyAcks.add(seq);
        }
        continue;
      }
      known.add(seq);
      forget(entry);
    }
    acks.append(known);
    commit.acknowledged();
  }

  /**
   * Up to {@code max} waiting records, most urgent lane first and oldest first inside a lane,
   * leaving out {@code exclude} (those in flight).
   */
  public List<OutboxRecord> next(int max, Set<Long> exclude) throws IOException {
    List<OutboxRecord> out = new ArrayList<>(Math.min(max, 64));
    for (SegmentEntry entry : queues.next(max, exclude)) {
      out.add(segments.read(entry));
    }
    return out;
  }

  public int size() {
    return queues.size();
  }

  public int size(Lane lane) {
    return queues.size(lane);
  }

  /** Positions dropped to stay within the disk budget since start. */
  public long thinned() {
    return thinned;
  }

  public long diskBytes() {
    return segments.diskBytes();
  }

  @Override
  public void close() throws IOException {
    sync();
    segments.close();
    acks.close();
  }

  /** Writes one entry at the end of the active segment (rolling to a new one when full). */
  private SegmentEntry write(OutboxRecord record) throws IOException {
    ByteBuffer entry = SegmentFormat.encode(record);
    if (segments.needsRoll(entry.capacity())) {
      int previous = segments.closeActive();
      if (previous >= 0 && queues.live(previous) == 0) {
        deleteSegment(previous);
      }
      segments.openNext();
    }
    return segments.append(record, entry);
  }

  private void forget(SegmentEntry entry) throws IOException {
    int live = queues.remove(entry);
    if (live == 0 && entry.segment() != segments.activeSegment()) {
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
    while (segments.diskBytes() > settings.budgetBytes() * 9 / 10) {
      Integer oldest = queues.oldestSegmentWithPositions(segments.activeSegment());
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

  /**
   * Copies the keepers of segment {@code number} to the active segment, fsyncs them, then deletes
   * the old file. A crash before the delete leaves both copies; recovery keeps the newer one.
   */
  private void compact(int number) throws IOException {
    boolean keepPosition = false;
    for (SegmentEntry entry : queues.inSegment(number)) {
      if (entry.lane() != Lane.POSITION || keepPosition) {
        queues.index(write(segments.read(entry)));
      } else {
        queues.drop(entry);
        thinned++;
      }
      keepPosition = entry.lane() == Lane.POSITION ? !keepPosition : keepPosition;
    }
    segments.forceActive();
    deleteSegment(number);
  }

  private void deleteSegment(int number) throws IOException {
    segments.delete(number);
    queues.forgetSegment(number);
  }

  private void recover() throws IOException {
    List<Integer> numbers = segments.existing();
    for (int number : numbers) {
      long validBytes = SegmentRecovery.scan(segments.path(number), number, queues::index);
      segments.recovered(number, validBytes);
    }
    Map<Long, Integer> ackedInSegment = new HashMap<>();
    for (long seq : AckLog.read(settings.folder())) {
      SegmentEntry entry = queues.get(seq);
      if (entry != null) {
        queues.remove(entry);
        ackedInSegment.put(seq, entry.segment());
      }
    }
    for (int number : numbers) {
      if (queues.live(number) == 0) {
        deleteSegment(number);
      }
    }
    // Acknowledged records in segments still on disk must stay acknowledged in the new log.
    ackedInSegment.values().removeIf(segment -> !queues.holdsSegment(segment));
    acks = AckLog.rewrite(settings.folder(), ackedInSegment.keySet());
    segments.syncFolder();
    Logger.info("outbox recovered: {} records waiting, {} bytes", queues.size(), diskBytes());
  }
}
