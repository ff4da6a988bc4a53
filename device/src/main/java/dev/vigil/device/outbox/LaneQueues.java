package dev.vigil.device.outbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The index of waiting records, in memory: one FIFO queue per lane, the records by sequence number,
 * and how many live records each segment still holds (a segment with none can be deleted).
 */
final class LaneQueues {
  private final Map<Lane, LinkedHashMap<Long, SegmentEntry>> pending = new EnumMap<>(Lane.class);
  private final Map<Long, SegmentEntry> bySeq = new HashMap<>();
  private final TreeMap<Integer, Integer> liveBySegment = new TreeMap<>();

  LaneQueues() {
    for (Lane lane : Lane.values()) {
      pending.put(lane, new LinkedHashMap<>());
    }
  }

  /**
   * Indexes an entry. A record already indexed was moved by a compaction (or found in two segments
   * after a crash during one): the newer copy replaces it, keeping its place in its lane.
   */
  void index(SegmentEntry entry) {
    pending.get(entry.lane()).put(entry.seq(), entry);
    SegmentEntry previous = bySeq.put(entry.seq(), entry);
    if (previous != null) {
      liveBySegment.merge(previous.segment(), -1, Integer::sum);
    }
    liveBySegment.merge(entry.segment(), 1, Integer::sum);
  }

  SegmentEntry get(long seq) {
    return bySeq.get(seq);
  }

  /** Takes an acknowledged entry out; returns how many live records its segment still holds. */
  int remove(SegmentEntry entry) {
    drop(entry);
    return liveBySegment.merge(entry.segment(), -1, Integer::sum);
  }

  /** Takes an entry out of the queues only: its segment is about to go as a whole. */
  void drop(SegmentEntry entry) {
    pending.get(entry.lane()).remove(entry.seq());
    bySeq.remove(entry.seq());
  }

  int live(int segment) {
    return liveBySegment.getOrDefault(segment, 0);
  }

  boolean holdsSegment(int segment) {
    return liveBySegment.containsKey(segment);
  }

  void forgetSegment(int segment) {
    liveBySegment.remove(segment);
  }

  /** The entries of one segment, by sequence number. */
  List<SegmentEntry> inSegment(int segment) {
    List<SegmentEntry> entries = new ArrayList<>();
    for (SegmentEntry entry : bySeq.values()) {
      if (entry.segment() == segment) {
        entries.add(entry);
      }
    }
    entries.sort(Comparator.comparingLong(SegmentEntry::seq));
    return entries;
  }

  /** The oldest segment before {@code activeSegment} holding a position, or null. */
  Integer oldestSegmentWithPositions(int activeSegment) {
    for (int number : liveBySegment.keySet()) {
      if (number == activeSegment) {
        return null; // everything older holds alarms only
      }
      for (SegmentEntry entry : pending.get(Lane.POSITION).values()) {
        if (entry.segment() == number) {
          return number;
        }
      }
    }
    return null;
  }

  /**
   * Up to {@code max} entries, most urgent lane first, oldest first in a lane, but {@code exclude}.
   */
  List<SegmentEntry> next(int max, Set<Long> exclude) {
    List<SegmentEntry> out = new ArrayList<>(Math.min(max, 64));
    for (Lane lane : Lane.values()) {
      for (SegmentEntry entry : pending.get(lane).values()) {
        if (out.size() >= max) {
          return out;
        }
        if (!exclude.contains(entry.seq())) {
          out.add(entry);
        }
      }
    }
    return out;
  }

  int size() {
    return bySeq.size();
  }

  int size(Lane lane) {
    return pending.get(lane).size();
  }
}
