package dev.vigil.protocol.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of half-open byte ranges [from, to), merged as they are added (pure, not thread-safe). The
 * gateway records what arrived of a file; the device what it has already queued.
 */
public final class ByteRanges {
  /** One range; {@code from} inclusive, {@code to} exclusive. */
  public record Range(long from, long to) {
    public Range {
      if (from < 0 || to < from) {
        throw new IllegalArgumentException("bad byte range [" + from + ", " + to + ")");
      }
    }

    public long length() {
      return to - from;
    }
  }

  private final TreeMap<Long, Long> ranges = new TreeMap<>();

  public void add(long from, long to) {
    new Range(from, to);
    if (from == to) {
      return;
    }
    Map.Entry<Long, Long> before = ranges.floorEntry(from);
    if (before != null && before.getValue() >= from) {
      from = before.getKey();
      to = Math.max(to, before.getValue());
    }
    for (Map.Entry<Long, Long> next = ranges.ceilingEntry(from);
        next != null && next.getKey() <= to;
        next = ranges.ceilingEntry(from)) {
      to = Math.max(to, next.getValue());
      ranges.remove(next.getKey());
    }
    ranges.put(from, to);
  }

  /** The parts of [0, total) not covered, in order. */
  public List<Range> missing(long total) {
    List<Range> gaps = new ArrayList<>();
    long at = 0;
    for (Map.Entry<Long, Long> range : ranges.entrySet()) {
      if (range.getKey() >= total) {
        break;
      }
      if (range.getKey() > at) {
        gaps.add(new Range(at, range.getKey()));
      }
      at = Math.max(at, range.getValue());
    }
    if (at < total) {
      gaps.add(new Range(at, total));
    }
    return gaps;
  }

  /** Bytes covered. */
  public long covered() {
    return ranges.entrySet().stream().mapToLong(e -> e.getValue() - e.getKey()).sum();
  }
}
