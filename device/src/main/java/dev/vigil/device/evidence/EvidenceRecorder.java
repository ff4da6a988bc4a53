package dev.vigil.device.evidence;

import dev.vigil.device.camera.CameraManager;
import dev.vigil.device.camera.CaptureListener;
import dev.vigil.device.camera.OsProcessLauncher;
import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * The evidence feature wired together: the vault on the SD card, the camera manager sealing into
 * it, the evidence collector and the retention sweep. Start order: vault, sweep, cameras; stop in
 * reverse, so the segments the captures wrote last are still sealed.
 */
public final class EvidenceRecorder implements AutoCloseable {
  private static final Duration SWEEP_PERIOD = Duration.ofMinutes(1);

  private final CameraManager cameras;
  private final EvidenceCollector collector;
  private final AutoCloseable sweeper;

  private EvidenceRecorder(
      CameraManager cameras, EvidenceCollector collector, AutoCloseable sweeper) {
    this.cameras = cameras;
    this.collector = collector;
    this.sweeper = sweeper;
  }

  /**
   * Starts recording.
   *
   * @param output receives each alarm's evidence (snapshots first, then the window)
   */
  public static EvidenceRecorder start(
      EvidenceConfig config,
      String deviceId,
      KeyPair deviceKey,
      PublicKey gateway,
      CaptureListener listener,
      Consumer<Evidence> output,
      Clock clock)
      throws IOException {
    SegmentVault vault =
        SegmentVault.open(
            new SegmentVault.Settings(config.vaultDir(), config.retention(), config.budgetBytes()),
            deviceId,
            gateway);
    AutoCloseable sweeper = vault.sweepEvery(SWEEP_PERIOD, clock);
    CameraManager cameras =
        new CameraManager(
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
    EvidenceCollector collector =
        new EvidenceCollector(
            vault,
            cameras.cameras(),
            cameras::snapshot,
            deviceKey.getPrivate(),
            deviceId,
            new EvidenceCollector.Settings(
                config.alarmBefore(),
                config.alarmAfter(),
                Duration.ofSeconds(config.segmentS()).plusMillis(1_500)),
            clock,
            output);
    cameras.start();
    Logger.info("recording cameras {} into {}", cameras.cameras(), config.vaultDir());
    return new EvidenceRecorder(cameras, collector, sweeper);
  }

  /** An alarm (panic, crash, harsh event) was raised: collect its evidence. */
  public void alarm(String alarmId, Instant raisedAt) {
    collector.alarm(alarmId, raisedAt);
  }

  /** Whether the current trip must be recorded (passenger on board): the trip microphone. */
  public void recordingRequired(boolean required) {
    cameras.recordingRequired(required);
  }

  @Override
  public void close() throws Exception {
    collector.close();
    cameras.close();
    sweeper.close();
  }
}
