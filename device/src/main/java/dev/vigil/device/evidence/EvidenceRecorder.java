package dev.vigil.device.evidence;

import dev.vigil.device.camera.CameraManager;
import dev.vigil.device.camera.CaptureListener;
import dev.vigil.device.camera.OsProcessLauncher;
import dev.vigil.protocol.pb.MediaRanges;
import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * The evidence feature wired together: the vault on the SD card, the camera manager sealing into
 * it, the evidence collector, the uploader and the retention sweep. Start order: vault, sweep,
 * uploader, cameras; stop in reverse, so the segments the captures wrote last are still sealed.
 */
public final class EvidenceRecorder implements AutoCloseable {
  private static final Duration SWEEP_PERIOD = Duration.ofMinutes(1);
  private static final long PUMP_MS = 100;
  private static final int CHUNK_BYTES = 16_384;

  /** Who the recorder works for: its device, keys, event listener and upload path. */
  public record Wiring(
      String deviceId,
      KeyPair deviceKey,
      PublicKey gateway,
      CaptureListener listener,
      MediaUploader.Sink uplink) {}

  private final CameraManager cameras;
  private final List<String> sources;
  private final EvidenceCollector collector;
  private final MediaUploader uploader;
  private final AutoCloseable sweeper;
  private final ScheduledExecutorService pump =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "media-upload");
            thread.setDaemon(true);
            return thread;
          });

  private EvidenceRecorder(EvidenceConfig config, Wiring wiring, Clock clock) throws IOException {
    SegmentVault vault =
        SegmentVault.open(
            new SegmentVault.Settings(config.vaultDir(), config.retention(), config.budgetBytes()),
            wiring.deviceId(),
            wiring.gateway());
    sweeper = vault.sweepEvery(SWEEP_PERIOD, clock);
    long bytesPerS = config.uploadKbps() * 1000L / 8;
    uploader =
        new MediaUploader(
            vault,
            wiring.uplink(),
            new MediaUploader.Settings(CHUNK_BYTES, bytesPerS, Math.max(bytesPerS, CHUNK_BYTES)),
            System.nanoTime());
    cameras = cameras(config, vault, wiring.listener(), clock);
    List<String> all = new ArrayList<>(cameras.cameras());
    config.microphone().ifPresent(mic -> all.add(mic.name()));
    sources = List.copyOf(all);
    collector =
        new EvidenceCollector(
            vault,
            cameras.cameras(),
            cameras::snapshot,
            wiring.deviceKey().getPrivate(),
            wiring.deviceId(),
            new EvidenceCollector.Settings(
                config.alarmBefore(),
                config.alarmAfter(),
                Duration.ofSeconds(config.segmentS()).plusMillis(1_500)),
            clock,
            this::upload);
  }

  /** Starts recording and uploading. */
  public static EvidenceRecorder start(EvidenceConfig config, Wiring wiring, Clock clock)
      throws IOException {
    EvidenceRecorder recorder = new EvidenceRecorder(config, wiring, clock);
    recorder.pump.scheduleWithFixedDelay(recorder::pump, PUMP_MS, PUMP_MS, TimeUnit.MILLISECONDS);
    recorder.cameras.start();
    Logger.info("recording cameras {} into {}", recorder.cameras.cameras(), config.vaultDir());
    return recorder;
  }

  /** An alarm (panic, crash, harsh event) was raised: collect and upload its evidence. */
  public void alarm(String alarmId, Instant raisedAt) {
    collector.alarm(alarmId, raisedAt);
  }

  /**
   * The control room asks for [from, to) of {@code requested} (empty: every camera and the
   * microphone); {@code found} hears what is and is not in the vault before the upload starts.
   */
  public void request(
      String requestId,
      Instant from,
      Instant to,
      List<String> requested,
      Consumer<WindowSelection> found) {
    collector.request(
        requestId, from, to, new EvidenceCollector.Request(sources, requested), found);
  }

  /** Whether the current trip must be recorded (passenger on board): the trip microphone. */
  public void recordingRequired(boolean required) {
    cameras.recordingRequired(required);
  }

  /** The media store's answer: what it still lacks of a file, or that it holds it. */
  public void ranges(MediaRanges ranges) {
    pump.execute(
        () -> {
          try {
            uploader.ranges(ranges);
          } catch (IOException | RuntimeException e) {
            Logger.error("media ack for {} not applied: {}", ranges.getMediaId(), e.getMessage());
          }
        });
  }

  private void upload(Evidence evidence) {
    pump.execute(
        () -> {
          try {
            uploader.submit(evidence);
          } catch (IOException | RuntimeException e) {
            Logger.error(e, "evidence not queued for upload");
          }
        });
  }

  private void pump() {
    try {
      uploader.pump(System.nanoTime());
    } catch (IOException | RuntimeException e) {
      Logger.error("media upload paused: {}", e.getMessage());
    }
  }

  private static CameraManager cameras(
      EvidenceConfig config, SegmentVault vault, CaptureListener listener, Clock clock)
      throws IOException {
    return new CameraManager(
        config.cameras(),
        config.microphone(),
        new CameraManager.Settings(
            config.ramDir(),
            config.segmentS(),
            config.freezeS(),
            config.stall(),
            Duration.ofSeconds(1),
            Duration.ofSeconds(60),
            500),
        new OsProcessLauncher(),
        vault,
        listener,
        clock);
  }

  @Override
  public void close() throws Exception {
    collector.close();
    cameras.close();
    pump.shutdownNow();
    sweeper.close();
  }
}
