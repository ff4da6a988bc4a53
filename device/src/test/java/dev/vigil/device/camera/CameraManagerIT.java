package dev.vigil.device.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.evidence.SegmentVault;
import dev.vigil.device.evidence.VaultEntry;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.media.MediaHeader;
import dev.vigil.protocol.media.SealedMedia;
import dev.vigil.protocol.media.SealedMediaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real ffmpeg processes (lavfi test sources) under the camera manager, sealing into a vault. */
class CameraManagerIT {
  @TempDir Path folder;
  private final KeyPair gateway = KeyPairs.generateP256();
  private final RecordingListener listener = new RecordingListener();
  private final AtomicInteger launches = new AtomicInteger();
  private CameraManager manager;
  private SegmentVault vault;

  @AfterEach
  void stop() {
    if (manager != null) {
      manager.close();
    }
  }

  @Test
  @Timeout(40)
  void segmentsAreSealedToTheGatewayAndThePlaintextIsGone() throws Exception {
    start(List.of(camera("cabin", "testsrc")), Optional.empty());
    waitFor(() -> videoEntries().size() >= 3, 20);
    byte[] jpeg = manager.snapshot("cabin").orElseThrow();
    assertEquals(0xFFD8, ((jpeg[0] & 0xFF) << 8) | (jpeg[1] & 0xFF), "JPEG start of image");
    manager.close();
    manager = null;
    assertEquals(List.of(), ramSegments(), "plaintext left in the RAM folder");
    KeyPair other = KeyPairs.generateP256();
    for (VaultEntry entry : videoEntries()) {
      byte[] sealed = vault.read(entry);
      byte[] plaintext = SealedMedia.open(gateway.getPrivate(), sealed);
      assertEquals(0x47, plaintext[0], "MPEG-TS sync byte");
      assertFalse(containsTsPackets(sealed), "sealed file shows MPEG-TS structure");
      assertThrows(SealedMediaException.class, () -> SealedMedia.open(other.getPrivate(), sealed));
    }
  }

  @Test
  @Timeout(40)
  void aFrozenPictureIsTamper() throws Exception {
    start(List.of(camera("cargo", "color=c=gray")), Optional.empty());
    waitFor(() -> listener.reports.contains("tamper cargo FROZEN_PICTURE"), 20);
  }

  @Test
  @Timeout(40)
  void aMissingCameraIsRestartedWithBackoffAndReportedAsTamper() throws Exception {
    CaptureSpec missing =
        new CaptureSpec(
            "road", CaptureSpec.Source.V4L2, "/dev/video-absent", 640, 480, 15, 500, "libx264");
    start(List.of(missing), Optional.empty());
    waitFor(() -> listener.reports.contains("tamper road NO_SEGMENTS"), 15);
    waitFor(() -> launches.get() >= 3, 15);
    assertTrue(videoEntries().isEmpty());
  }

  @Test
  @Timeout(40)
  void tripAudioIsRecordedOnlyWhileRequired() throws Exception {
    CaptureSpec mic =
        new CaptureSpec("mic", CaptureSpec.Source.LAVFI_AUDIO, "sine", 0, 0, 0, 32, "aac");
    start(List.of(), Optional.of(mic));
    Thread.sleep(2_500);
    assertEquals(0, launches.get(), "microphone started without a trip requiring it");
    manager.recordingRequired(true);
    waitFor(() -> audioEntries() >= 2, 20);
    manager.recordingRequired(false);
    waitFor(() -> ramSegments().isEmpty(), 10);
    long sealed = audioEntries();
    Thread.sleep(2_500);
    assertEquals(sealed, audioEntries(), "audio kept recording after the trip");
  }

  @Test
  @Timeout(40)
  void aMissingMicrophoneOnARecordedTripIsAHealthFault() throws Exception {
    CaptureSpec mic =
        new CaptureSpec("mic", CaptureSpec.Source.ALSA, "hw:97,0", 0, 0, 0, 32, "aac");
    start(List.of(), Optional.of(mic));
    manager.recordingRequired(true);
    waitFor(() -> listener.reports.stream().anyMatch(r -> r.startsWith("fault mic")), 15);
  }

  private void start(List<CaptureSpec> cameras, Optional<CaptureSpec> mic) throws IOException {
    vault =
        SegmentVault.open(
            new SegmentVault.Settings(folder.resolve("vault"), Duration.ofHours(72), 1L << 30),
            "dev-it",
            gateway.getPublic());
    ProcessLauncher counting =
        (name, argv, lines) -> {
          launches.incrementAndGet();
          return new OsProcessLauncher().start(name, argv, lines);
        };
    manager =
        new CameraManager(
            cameras,
            mic,
            new CameraManager.Settings(
                folder.resolve("ram"),
                1,
                2,
                Duration.ofSeconds(4),
                Duration.ofMillis(500),
                Duration.ofSeconds(2),
                200),
            counting,
            vault,
            listener,
            Clock.systemUTC());
    manager.start();
  }

  static CaptureSpec camera(String name, String lavfi) {
    return new CaptureSpec(name, CaptureSpec.Source.LAVFI, lavfi, 320, 240, 15, 300, "libx264");
  }

  private List<VaultEntry> videoEntries() {
    return vault.entries().stream()
        .filter(e -> e.header().kind() == MediaHeader.Kind.VIDEO_SEGMENT)
        .toList();
  }

  private long audioEntries() {
    return vault.entries().stream()
        .filter(e -> e.header().kind() == MediaHeader.Kind.AUDIO_SEGMENT)
        .count();
  }

  private List<Path> ramSegments() {
    try (Stream<Path> files = Files.list(folder.resolve("ram"))) {
      return files.filter(p -> p.toString().endsWith(".ts")).toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Five MPEG-TS sync bytes 188 bytes apart: what a plaintext segment looks like. */
  private static boolean containsTsPackets(byte[] bytes) {
    outer:
    for (int i = 0; i + 4 * 188 < bytes.length; i++) {
      for (int k = 0; k < 5; k++) {
        if (bytes[i + k * 188] != 0x47) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  static void waitFor(BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + seconds + " s");
      }
      Thread.sleep(100);
    }
  }
}
