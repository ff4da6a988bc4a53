package dev.vigil.device.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.camera.CameraManager;
import dev.vigil.device.camera.CaptureListener;
import dev.vigil.device.camera.CaptureSpec;
import dev.vigil.device.camera.OsProcessLauncher;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.media.Hashes;
import dev.vigil.protocol.media.ManifestSignature;
import dev.vigil.protocol.media.SealedMedia;
import dev.vigil.protocol.pb.MediaItem;
import dev.vigil.protocol.pb.MediaKind;
import dev.vigil.protocol.pb.MediaManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A panic with two real ffmpeg cameras: a snapshot from each comes first, then the segments of the
 * window; the gateway key opens them, ffmpeg concatenates them without re-encoding, and ffprobe
 * says the clip covers the window.
 */
class PanicEvidenceIT {
  private static final Duration BEFORE = Duration.ofSeconds(4);
  private static final Duration AFTER = Duration.ofSeconds(3);

  @TempDir Path folder;
  private final KeyPair gateway = KeyPairs.generateP256();
  private final KeyPair device = KeyPairs.generateP256();

  @Test
  @Timeout(60)
  void aPanicYieldsSnapshotsFirstThenASignedClipCoveringTheWindow() throws Exception {
    SegmentVault vault =
        SegmentVault.open(
            new SegmentVault.Settings(folder.resolve("vault"), Duration.ofHours(72), 1L << 30),
            "dev-panic",
            gateway.getPublic());
    BlockingQueue<Evidence> sent = new LinkedBlockingQueue<>();
    try (CameraManager cameras = cameras(vault);
        EvidenceCollector collector = collector(vault, cameras, sent)) {
      cameras.start();
      Thread.sleep(BEFORE.toMillis() + 1_500);
      Instant raisedAt = Instant.now();
      collector.alarm("panic-1", raisedAt);

      Evidence first = sent.poll(5, TimeUnit.SECONDS);
      assertTrue(first != null && first.urgent(), "snapshots come first");
      MediaManifest snapshots = verified(first);
      assertEquals(List.of("cabin", "cargo"), sources(snapshots));
      for (VaultEntry picture : first.files()) {
        byte[] jpeg = SealedMedia.open(gateway.getPrivate(), vault.read(picture));
        assertEquals((byte) 0xFF, jpeg[0]);
        assertEquals((byte) 0xD8, jpeg[1]);
      }

      Evidence window = sent.poll(AFTER.toSeconds() + 10, TimeUnit.SECONDS);
      assertTrue(window != null && !window.urgent(), "window evidence arrives");
      MediaManifest manifest = verified(window);
      assertEquals(raisedAt.minus(BEFORE).toEpochMilli(), manifest.getWindowFromMs());
      assertEquals(raisedAt.plus(AFTER).toEpochMilli(), manifest.getWindowToMs());
      for (String camera : List.of("cabin", "cargo")) {
        double seconds = clipSeconds(vault, window, camera);
        double needed = (BEFORE.plus(AFTER).toMillis()) / 1000.0;
        assertTrue(seconds >= needed, camera + " clip " + seconds + " s < window " + needed);
        assertCovers(window, camera, raisedAt);
      }
    }
  }

  private static void assertCovers(Evidence evidence, String camera, Instant raisedAt) {
    List<VaultEntry> own =
        evidence.files().stream().filter(e -> e.header().source().equals(camera)).toList();
    assertFalse(own.get(0).start().isAfter(raisedAt.minus(BEFORE)), "clip starts late");
    assertFalse(own.get(own.size() - 1).end().isBefore(raisedAt.plus(AFTER)), "clip ends early");
  }

  /** Checks the signature and that each named file is the one in the vault. */
  private MediaManifest verified(Evidence evidence) throws Exception {
    byte[] bytes = evidence.manifest().getManifest().toByteArray();
    byte[] signature = evidence.manifest().getSignature().toByteArray();
    assertTrue(ManifestSignature.verify(device.getPublic(), bytes, signature), "signature");
    MediaManifest manifest = MediaManifest.parseFrom(bytes);
    assertEquals(evidence.files().size(), manifest.getItemsCount());
    return manifest;
  }

  private static List<String> sources(MediaManifest manifest) {
    assertTrue(
        manifest.getItemsList().stream()
            .allMatch(i -> i.getKind() == MediaKind.MEDIA_KIND_SNAPSHOT));
    return manifest.getItemsList().stream().map(MediaItem::getSource).sorted().toList();
  }

  /** Opens a camera's segments, checks their hashes, concatenates (-c copy) and probes. */
  private double clipSeconds(SegmentVault vault, Evidence evidence, String camera)
      throws Exception {
    Path dir = Files.createDirectories(folder.resolve("clip-" + camera));
    List<String> lines = new ArrayList<>();
    for (VaultEntry entry : evidence.files()) {
      if (!entry.header().source().equals(camera)) {
        continue;
      }
      byte[] plaintext = SealedMedia.open(gateway.getPrivate(), vault.read(entry));
      assertTrue(Arrays.equals(Hashes.sha256(plaintext), entry.header().plaintextSha256()));
      Path part = dir.resolve(entry.fileName() + ".ts");
      Files.write(part, plaintext);
      lines.add("file '" + part + "'");
    }
    Path list = Files.write(dir.resolve("list.txt"), lines);
    Path clip = dir.resolve("clip.ts");
    run(
        "ffmpeg",
        "-v",
        "error",
        "-f",
        "concat",
        "-safe",
        "0",
        "-i",
        list.toString(),
        "-c",
        "copy",
        clip.toString());
    String duration =
        run(
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            "format=duration",
            "-of",
            "csv=p=0",
            clip.toString());
    return Double.parseDouble(duration.trim());
  }

  private static String run(String... argv) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), String.join(" ", argv) + ": " + out);
    return out;
  }

  private static CameraManager cameras(SegmentVault vault) throws IOException {
    return new CameraManager(
        List.of(spec("cabin"), spec("cargo")),
        Optional.empty(),
        new CameraManager.Settings(
            vault.folder().resolveSibling("ram"),
            1,
            5,
            Duration.ofSeconds(5),
            Duration.ofMillis(500),
            Duration.ofSeconds(2),
            200),
        new OsProcessLauncher(),
        vault,
        new CaptureListener() {
          @Override
          public void tamper(String camera, TamperReason reason, Instant at) {}

          @Override
          public void fault(String capture, String problem, Instant at) {}

          @Override
          public void recovered(String capture, Instant at) {}
        },
        Clock.systemUTC());
  }

  private EvidenceCollector collector(
      SegmentVault vault, CameraManager cameras, BlockingQueue<Evidence> sent) {
    return new EvidenceCollector(
        vault,
        cameras.cameras(),
        cameras::snapshot,
        device.getPrivate(),
        "dev-panic",
        new EvidenceCollector.Settings(BEFORE, AFTER, Duration.ofMillis(1_800)),
        Clock.systemUTC(),
        sent::add);
  }

  private static CaptureSpec spec(String name) {
    return new CaptureSpec(name, CaptureSpec.Source.LAVFI, "testsrc", 320, 240, 15, 300, "libx264");
  }
}
