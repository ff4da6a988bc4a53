package dev.vigil.device.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.camera.ClosedSegment;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.media.ByteRanges;
import dev.vigil.protocol.media.MediaAssembler;
import dev.vigil.protocol.pb.ByteRange;
import dev.vigil.protocol.pb.MediaChunk;
import dev.vigil.protocol.pb.MediaItem;
import dev.vigil.protocol.pb.MediaManifest;
import dev.vigil.protocol.pb.MediaRanges;
import dev.vigil.protocol.pb.MediaUp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The uploader against a fake gateway (assemblers) over a fake link that can drop. */
@Timeout(10)
class MediaUploaderTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  private static final long SECOND = 1_000_000_000L;
  @TempDir Path folder;
  private final KeyPair gatewayKey = KeyPairs.generateP256();
  private final KeyPair deviceKey = KeyPairs.generateP256();
  private final Map<String, MediaAssembler> gateway = new HashMap<>();
  private final List<long[]> arrived = new ArrayList<>();
  private int linkLeft = Integer.MAX_VALUE;

  @Test
  void anUploadCutByALinkDropResumesWithOnlyWhatTheGatewayLacks() throws Exception {
    SegmentVault vault = vault();
    Evidence evidence = evidence(vault, 2);
    MediaUploader first = uploader(vault);
    linkLeft = 7;
    first.submit(evidence);
    assertThrows(IOException.class, () -> first.pump(100 * SECOND), "the link dropped");
    List<long[]> beforeDrop = List.copyOf(arrived);
    assertEquals(7, beforeDrop.size(), "manifest plus six chunks arrived");

    linkLeft = Integer.MAX_VALUE;
    arrived.clear();
    MediaUploader restarted = uploader(vault);
    for (String mediaId : gateway.keySet()) {
      restarted.ranges(ranges(mediaId));
    }
    restarted.pump(200 * SECOND);
    assertEquals(2, arrived.size(), "only the two missing chunks were sent");
    for (long[] chunk : arrived) {
      for (long[] old : beforeDrop) {
        boolean overlaps =
            chunk[0] == old[0] && chunk[1] < old[1] + old[2] && old[1] < chunk[1] + chunk[2];
        assertFalse(overlaps, "resent bytes that had arrived");
      }
    }
    for (Map.Entry<String, MediaAssembler> file : gateway.entrySet()) {
      assertTrue(file.getValue().missing().isEmpty(), file.getKey());
      file.getValue().complete();
      restarted.ranges(ranges(file.getKey()));
    }
    assertEquals(List.of(), vault.locked(), "confirmed files are unlocked");
  }

  @Test
  void theBandwidthCapHoldsChunksBack() throws Exception {
    SegmentVault vault = vault();
    MediaUploader uploader =
        new MediaUploader(
            vault, this::deliver, new MediaUploader.Settings(10_000, 50_000, 20_000), 0);
    uploader.submit(evidence(vault, 3));
    assertEquals(20_000, uploader.pump(0), "the burst");
    assertEquals(0, uploader.pump(SECOND / 10), "5,000 bytes saved up, a chunk needs 10,000");
    long sent = 0;
    for (int tenth = 2; tenth <= 20; tenth++) {
      sent += uploader.pump(tenth * SECOND / 10);
    }
    // 5,000 saved at 0.1 s plus 50,000 bytes/s for 1.9 s = 100,000 allowed; at most one chunk
    // (10,000) can be held back waiting for tokens. Chunks at a file's end are shorter.
    assertTrue(sent <= 100_000 && sent > 90_000, "sent " + sent);
  }

  @Test
  void byteRangesMergeAndReportGaps() {
    ByteRanges ranges = new ByteRanges();
    ranges.add(10, 20);
    ranges.add(30, 40);
    ranges.add(15, 32);
    ranges.add(50, 50);
    assertEquals(
        List.of(new ByteRanges.Range(0, 10), new ByteRanges.Range(40, 60)), ranges.missing(60));
    assertEquals(30, ranges.covered());
  }

  @Test
  void anAssembledFileThatDoesNotHashToItsIdIsRefused() {
    MediaAssembler assembler = new MediaAssembler("00".repeat(32), 4);
    assembler.accept(0, new byte[] {1, 2});
    assertThrows(IllegalStateException.class, assembler::complete);
    assembler.accept(2, new byte[] {3, 4});
    assertThrows(RuntimeException.class, assembler::complete);
    assertThrows(IllegalArgumentException.class, () -> assembler.accept(3, new byte[] {1, 2}));
  }

  private MediaUploader uploader(SegmentVault vault) {
    return new MediaUploader(
        vault, this::deliver, new MediaUploader.Settings(16_384, 1_000_000, 1_000_000), 0);
  }

  /** The fake link into the fake gateway; it drops (throws) once linkLeft runs out. */
  private void deliver(byte[] bytes) throws IOException {
    if (linkLeft-- <= 0) {
      throw new IOException("link down");
    }
    MediaUp up = MediaUp.parseFrom(bytes);
    if (up.hasManifest()) {
      MediaManifest manifest = MediaManifest.parseFrom(up.getManifest().getManifest());
      for (MediaItem item : manifest.getItemsList()) {
        gateway.putIfAbsent(
            item.getMediaId(), new MediaAssembler(item.getMediaId(), item.getSealedBytes()));
      }
      arrived.add(new long[] {-1, -1, 0});
      return;
    }
    MediaChunk chunk = up.getChunk();
    gateway.get(chunk.getMediaId()).accept(chunk.getOffset(), chunk.getData().toByteArray());
    arrived.add(
        new long[] {chunk.getMediaId().hashCode(), chunk.getOffset(), chunk.getData().size()});
  }

  private MediaRanges ranges(String mediaId) {
    MediaRanges.Builder ranges = MediaRanges.newBuilder().setMediaId(mediaId);
    for (ByteRanges.Range gap : gateway.get(mediaId).missing()) {
      ranges.addMissing(ByteRange.newBuilder().setFrom(gap.from()).setTo(gap.to()));
    }
    return ranges.build();
  }

  private SegmentVault vault() throws IOException {
    return SegmentVault.open(
        new SegmentVault.Settings(folder.resolve("vault"), Duration.ofHours(72), 1L << 30),
        "dev-up",
        gatewayKey.getPublic());
  }

  private Evidence evidence(SegmentVault vault, int segments) throws IOException {
    Path ram = Files.createDirectories(folder.resolve("ram"));
    Random random = new Random(3);
    for (int i = 0; i < segments; i++) {
      byte[] video = new byte[60_000];
      random.nextBytes(video);
      Path file = Files.write(ram.resolve("s" + i + ".ts"), video);
      vault.closed(new ClosedSegment(file, "cabin", false, T0.plusSeconds(2L * i), 2_000));
    }
    List<VaultEntry> files = vault.window(T0, T0.plusSeconds(2L * segments));
    vault.lock(files);
    List<Manifests.Item> items = new ArrayList<>();
    for (VaultEntry entry : files) {
      items.add(Manifests.itemOf(entry, vault.read(entry)));
    }
    var manifest = Manifests.manifest("dev-up", "a-1", T0, T0.plusSeconds(4), T0, items);
    return new Evidence(Manifests.sign(manifest, deviceKey.getPrivate()), files, false);
  }
}
