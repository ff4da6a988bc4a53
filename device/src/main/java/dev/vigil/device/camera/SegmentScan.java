package dev.vigil.device.camera;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which segment files of one capture are closed (pure): all but the newest while the process runs,
 * every one once it has ended. A segment's duration is the gap to the next one's start.
 */
public final class SegmentScan {
  private SegmentScan() {}

  /** The capture's segments among {@code fileNames}, oldest first. */
  public static TreeMap<Instant, String> segments(String capture, List<String> fileNames) {
    TreeMap<Instant, String> byStart = new TreeMap<>();
    for (String name : fileNames) {
      SegmentName.start(capture, name).ifPresent(start -> byStart.put(start, name));
    }
    return byStart;
  }

  public static List<ClosedSegment> closed(
      CaptureSpec spec, Path folder, List<String> fileNames, boolean running, int segmentS) {
    TreeMap<Instant, String> all = segments(spec.name(), fileNames);
    List<ClosedSegment> closed = new ArrayList<>();
    for (Map.Entry<Instant, String> entry : all.entrySet()) {
      Optional<Instant> next = Optional.ofNullable(all.higherKey(entry.getKey()));
      if (next.isEmpty() && running) {
        break;
      }
      int durationMs =
          next.map(n -> (int) Duration.between(entry.getKey(), n).toMillis())
              .orElse(segmentS * 1000);
      closed.add(
          new ClosedSegment(
              folder.resolve(entry.getValue()),
              spec.name(),
              spec.audio(),
              entry.getKey(),
              durationMs));
    }
    return closed;
  }
}
