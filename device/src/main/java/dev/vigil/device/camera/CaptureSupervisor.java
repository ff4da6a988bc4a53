package dev.vigil.device.camera;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.tinylog.Logger;

/**
 * Keeps one capture process alive and hands its closed segments on. Driven by {@link #tick} with
 * the time, so tests step it; one thread calls it. A dead process is restarted after {@link
 * Backoff}; no new segment for {@code stall} (counted from start or the last new segment) is a
 * problem, and so is a freezedetect report from ffmpeg; each is reported once until it clears.
 */
final class CaptureSupervisor {
  /** Timing of one capture. */
  record Timing(int segmentS, int freezeS, Duration stall, Backoff backoff) {}

  private final CaptureSpec spec;
  private final Path folder;
  private final Timing timing;
  private final ProcessLauncher launcher;
  private final SegmentSink sink;
  private final CaptureListener listener;
  private final AtomicReference<Boolean> frozen = new AtomicReference<>();
  private ProcessLauncher.Running running;
  private Instant nextStart = Instant.MIN;
  private Instant progressAt;
  private String newest;
  private int failures;
  private boolean stalled;
  private boolean reportedFrozen;

  CaptureSupervisor(
      CaptureSpec spec,
      Path folder,
      Timing timing,
      ProcessLauncher launcher,
      SegmentSink sink,
      CaptureListener listener) {
    this.spec = spec;
    this.folder = folder;
    this.timing = timing;
    this.launcher = launcher;
    this.sink = sink;
    this.listener = listener;
  }

  void tick(Instant now) {
    boolean alive = running != null && running.alive();
    if (running != null && !alive) {
      running = null;
      failures++;
      nextStart = now.plus(timing.backoff().after(failures));
      Logger.warn(
          "capture {} ended; restarting in {}", spec.name(), timing.backoff().after(failures));
    }
    if (running == null && !now.isBefore(nextStart)) {
      alive = launch(now);
    }
    handOn(alive, now);
    checkStall(now);
    checkFrozen(now);
  }

  /** Stops the process and hands on every segment it wrote. */
  void stop(Instant now) {
    if (running != null) {
      running.stop();
      running = null;
    }
    handOn(false, now);
  }

  private boolean launch(Instant now) {
    if (progressAt == null) {
      progressAt = now;
    }
    List<String> argv = CaptureCommand.argv(spec, folder, timing.segmentS(), timing.freezeS());
    try {
      running = launcher.start(spec.name(), argv, this::stderr);
      return true;
    } catch (IOException e) {
      failures++;
      nextStart = now.plus(timing.backoff().after(failures));
      Logger.error("capture {} cannot start: {}", spec.name(), e.getMessage());
      return false;
    }
  }

  private void stderr(String line) {
    if (line.contains("lavfi.freezedetect.freeze_start")) {
      frozen.set(true);
    } else if (line.contains("lavfi.freezedetect.freeze_end")) {
      frozen.set(false);
    } else if (line.contains("rror") || line.contains("No such")) {
      Logger.warn("capture {}: {}", spec.name(), line);
    }
  }

  private void handOn(boolean running, Instant now) {
    List<String> names = list();
    var all = SegmentScan.segments(spec.name(), names);
    if (!all.isEmpty() && !all.lastEntry().getValue().equals(newest)) {
      newest = all.lastEntry().getValue();
      progressAt = now;
      failures = 0;
    }
    for (ClosedSegment segment :
        SegmentScan.closed(spec, folder, names, running, timing.segmentS())) {
      try {
        sink.closed(segment);
      } catch (IOException | RuntimeException e) {
        Logger.error("segment {} not stored, retried: {}", segment.file().getFileName(), e);
        return;
      }
    }
  }

  private void checkStall(Instant now) {
    boolean late = progressAt != null && now.isAfter(progressAt.plus(timing.stall()));
    if (late && !stalled) {
      stalled = true;
      String detail = "no new segment for " + timing.stall().toSeconds() + " s";
      if (spec.audio()) {
        listener.fault(spec.name(), detail, now);
      } else {
        listener.tamper(spec.name(), CaptureListener.TamperReason.NO_SEGMENTS, now);
      }
    } else if (!late && stalled) {
      stalled = false;
      listener.recovered(spec.name(), now);
    }
  }

  private void checkFrozen(Instant now) {
    boolean isFrozen = Boolean.TRUE.equals(frozen.get());
    if (isFrozen && !reportedFrozen) {
      reportedFrozen = true;
      listener.tamper(spec.name(), CaptureListener.TamperReason.FROZEN_PICTURE, now);
    } else if (!isFrozen && reportedFrozen) {
      reportedFrozen = false;
      listener.recovered(spec.name(), now);
    }
  }

  private List<String> list() {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      Logger.error("cannot list {}: {}", folder, e.getMessage());
      return List.of();
    }
  }
}
