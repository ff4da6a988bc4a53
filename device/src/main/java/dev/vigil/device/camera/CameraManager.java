package dev.vigil.device.camera;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * One capture process per configured camera, always running, plus the trip microphone while the
 * current trip requires recording. Capture processes write into a RAM folder; every closed segment
 * goes to the {@link SegmentSink}. All supervision runs on one thread, every {@code tickMs}.
 */
public final class CameraManager implements AutoCloseable {
  /** Manager settings; {@code ramFolder} should be a tmpfs such as {@code /dev/shm/vigil}. */
  public record Settings(
      Path ramFolder,
      int segmentS,
      int freezeS,
      Duration stall,
      Duration backoffMin,
      Duration backoffMax,
      long tickMs) {}

  private final Map<String, CaptureSupervisor> cameras = new LinkedHashMap<>();
  private final Optional<CaptureSupervisor> microphone;
  private final Settings settings;
  private final Clock clock;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "camera-manager");
            thread.setDaemon(true);
            return thread;
          });
  private final CaptureListener listener;
  private boolean recording;

  public CameraManager(
      List<CaptureSpec> cameraSpecs,
      Optional<CaptureSpec> microphoneSpec,
      Settings settings,
      ProcessLauncher launcher,
      SegmentSink sink,
      CaptureListener listener,
      Clock clock)
      throws IOException {
    this.settings = settings;
    this.clock = clock;
    this.listener = listener;
    Files.createDirectories(settings.ramFolder());
    CaptureSupervisor.Timing timing =
        new CaptureSupervisor.Timing(
            settings.segmentS(),
            settings.freezeS(),
            settings.stall(),
            new Backoff(settings.backoffMin(), settings.backoffMax()));
    for (CaptureSpec spec : cameraSpecs) {
      cameras.put(
          spec.name(),
          new CaptureSupervisor(spec, settings.ramFolder(), timing, launcher, sink, listener));
    }
    microphone =
        microphoneSpec.map(
            spec ->
                new CaptureSupervisor(
                    spec, settings.ramFolder(), timing, launcher, sink, listener));
  }

  public void start() {
    ticker.scheduleWithFixedDelay(this::tick, 0, settings.tickMs(), TimeUnit.MILLISECONDS);
  }

  /**
   * Whether the current trip must be recorded (a passenger on board): starts or stops the trip
   * microphone. Without a configured microphone a required recording is a health fault at once.
   */
  public void recordingRequired(boolean required) {
    ticker.execute(() -> setRecording(required));
  }

  /** The camera names, in configuration order. */
  public List<String> cameras() {
    return List.copyOf(cameras.keySet());
  }

  /** The newest picture of a camera (JPEG, at most a second old), if it has produced one yet. */
  public Optional<byte[]> snapshot(String camera) {
    try {
      return Optional.of(
          Files.readAllBytes(settings.ramFolder().resolve(SegmentName.snapshot(camera))));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      Logger.warn("snapshot of {} unreadable: {}", camera, e.getMessage());
      return Optional.empty();
    }
  }

  private void setRecording(boolean required) {
    if (required == recording) {
      return;
    }
    recording = required;
    if (microphone.isEmpty()) {
      if (required) {
        listener.fault(
            "microphone",
            "trip requires recording but no microphone is configured",
            clock.instant());
      }
      return;
    }
    if (!required) {
      microphone.get().stop(clock.instant());
    }
  }

  private void tick() {
    try {
      for (CaptureSupervisor camera : cameras.values()) {
        camera.tick(clock.instant());
      }
      if (recording) {
        microphone.ifPresent(mic -> mic.tick(clock.instant()));
      }
    } catch (RuntimeException e) {
      Logger.error(e, "camera supervision failed");
    }
  }

  /** Stops every capture and hands on the segments they wrote. */
  @Override
  public void close() {
    ticker.shutdown();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    cameras.values().forEach(camera -> camera.stop(clock.instant()));
    microphone.ifPresent(mic -> mic.stop(clock.instant()));
  }
}
