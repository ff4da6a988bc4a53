package dev.vigil.device.evidence;

import java.io.IOException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.tinylog.Logger;

/**
 * Gathers the evidence of an alarm: first a snapshot from every camera, sealed and signed in a
 * manifest of its own so it can go up at once; then, once the window has been recorded and sealed,
 * every segment overlapping [raisedAt - before, raisedAt + after), locked in the vault and named in
 * a second signed manifest.
 */
public final class EvidenceCollector implements AutoCloseable {
  /**
   * @param settle time after the window's end for the last segment to close and be sealed (one
   *     segment length plus the manager's tick is enough)
   */
  public record Settings(Duration before, Duration after, Duration settle) {}

  private static final int MAX_WAITS = 15;

  private final SegmentVault vault;
  private final List<String> cameras;
  private final Function<String, Optional<byte[]>> snapshots;
  private final PrivateKey deviceKey;
  private final String deviceId;
  private final Settings settings;
  private final Clock clock;
  private final Consumer<Evidence> output;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "evidence");
            thread.setDaemon(true);
            return thread;
          });

  public EvidenceCollector(
      SegmentVault vault,
      List<String> cameras,
      Function<String, Optional<byte[]>> snapshots,
      PrivateKey deviceKey,
      String deviceId,
      Settings settings,
      Clock clock,
      Consumer<Evidence> output) {
    this.vault = vault;
    this.cameras = List.copyOf(cameras);
    this.snapshots = snapshots;
    this.deviceKey = deviceKey;
    this.deviceId = deviceId;
    this.settings = settings;
    this.clock = clock;
    this.output = output;
    // Loads and JIT-warms the signature provider now, not on the first alarm's snapshot path.
    dev.vigil.protocol.media.ManifestSignature.sign(deviceKey, new byte[] {0});
  }

  /** Starts collecting for an alarm raised at {@code raisedAt}; returns at once. */
  public void alarm(String alarmId, Instant raisedAt) {
    timer.execute(() -> guarded(alarmId, () -> snapshots(alarmId, raisedAt)));
    Instant ready = raisedAt.plus(settings.after()).plus(settings.settle());
    long delayMs = Math.max(0, Duration.between(clock.instant(), ready).toMillis());
    scheduleWindow(alarmId, raisedAt, 0, delayMs);
  }

  /**
   * The control room asks for [from, to) of some sources ({@code down/cmd}): whatever of it is
   * still in the vault is locked, named in a manifest signed under {@code requestId} and uploaded
   * like an alarm's segments (a window not yet over is looked at once it is recorded and sealed).
   * {@code found} hears what was and was not there, before the upload.
   */
  public void request(
      String requestId, Instant from, Instant to, Request wanted, Consumer<WindowSelection> found) {
    // A window that ends now or later is looked at once its last segment can have been sealed.
    long delayMs =
        Math.max(0, Duration.between(clock.instant(), to.plus(settings.settle())).toMillis());
    timer.schedule(
        () ->
            guarded(
                requestId,
                () -> {
                  WindowSelection selection =
                      WindowSelection.select(
                          vault.window(from, to), wanted.sources(), wanted.requested());
                  found.accept(selection);
                  if (!selection.files().isEmpty()) {
                    publish(requestId, from, to, selection.files(), false);
                  }
                }),
        delayMs,
        TimeUnit.MILLISECONDS);
  }

  /**
   * @param sources every camera and microphone of the device
   * @param requested the names asked for; empty means all
   */
  public record Request(List<String> sources, List<String> requested) {}

  private void scheduleWindow(String alarmId, Instant raisedAt, int attempt, long delayMs) {
    timer.schedule(
        () -> guarded(alarmId, () -> window(alarmId, raisedAt, attempt)),
        delayMs,
        TimeUnit.MILLISECONDS);
  }

  private void snapshots(String alarmId, Instant raisedAt) throws IOException {
    List<VaultEntry> pictures = new ArrayList<>();
    Instant now = clock.instant();
    for (String camera : cameras) {
      Optional<byte[]> jpeg = snapshots.apply(camera);
      if (jpeg.isPresent()) {
        pictures.add(vault.storeSnapshot(camera, now, jpeg.get()));
      } else {
        Logger.warn("alarm {}: camera {} has no snapshot yet", alarmId, camera);
      }
    }
    publish(alarmId, raisedAt, raisedAt, pictures, true);
  }

  /**
   * Publishes the window once every camera has a sealed segment reaching its end; a busy box may
   * seal late, so it looks again each second, up to {@link #MAX_WAITS} times, then sends what is
   * there (a dead camera must not hold back the others' evidence).
   */
  private void window(String alarmId, Instant raisedAt, int attempt) throws IOException {
    Instant from = raisedAt.minus(settings.before());
    Instant to = raisedAt.plus(settings.after());
    List<VaultEntry> files = vault.window(from, to);
    if (!reachesEnd(files, to) && attempt < MAX_WAITS) {
      scheduleWindow(alarmId, raisedAt, attempt + 1, 1_000);
      return;
    }
    publish(alarmId, from, to, files, false);
  }

  private boolean reachesEnd(List<VaultEntry> files, Instant to) {
    return cameras.stream()
        .allMatch(
            camera ->
                files.stream()
                    .anyMatch(f -> f.header().source().equals(camera) && !f.end().isBefore(to)));
  }

  private void publish(
      String alarmId, Instant from, Instant to, List<VaultEntry> files, boolean urgent)
      throws IOException {
    vault.lock(files);
    List<Manifests.Item> items = new ArrayList<>();
    for (VaultEntry entry : files) {
      items.add(new Manifests.Item(entry, vault.mediaId(entry)));
    }
    var manifest = Manifests.manifest(deviceId, alarmId, from, to, clock.instant(), items);
    output.accept(new Evidence(Manifests.sign(manifest, deviceKey), files, urgent));
  }

  private static void guarded(String alarmId, IoTask task) {
    try {
      task.run();
    } catch (IOException | RuntimeException e) {
      Logger.error(e, "evidence of alarm {} incomplete", alarmId);
    }
  }

  private interface IoTask {
    void run() throws IOException;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
