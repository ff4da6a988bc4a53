package dev.vigil.device.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigil.device.camera.ClosedSegment;
import dev.vigil.protocol.envelope.KeyPairs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The vault on a stepped clock: retention, budget, incident locks, restart. */
@Timeout(10)
class SegmentVaultTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  @TempDir Path folder;
  private final KeyPair gateway = KeyPairs.generateP256();

  @Test
  void retentionDeletesOnlyWhatEndedMoreThanTheRetentionAgo() throws Exception {
    SegmentVault vault = vault(1L << 30);
    for (int i = 0; i < 10; i++) {
      add(vault, "cabin", T0.plusSeconds(3_600L * i));
    }
    assertEquals(0, vault.sweep(T0.plus(Duration.ofHours(72))));
    assertEquals(1, vault.sweep(T0.plus(Duration.ofHours(72)).plusSeconds(3)));
    assertEquals(9, vault.entries().size());
    assertEquals(5, vault.sweep(T0.plus(Duration.ofHours(77)).plusSeconds(3)));
    assertEquals(T0.plusSeconds(6 * 3_600), oldest(vault));
    assertEquals(
        4, Files.list(folder.resolve("vault")).filter(p -> p.toString().endsWith(".vgm")).count());
  }

  @Test
  void overBudgetTheOldestGoFirstButLockedEvidenceStays() throws Exception {
    SegmentVault vault = vault(1L << 30);
    for (int i = 0; i < 6; i++) {
      add(vault, "road", T0.plusSeconds(2L * i));
    }
    long each = vault.entries().get(0).sealedBytes();
    vault.lock(vault.window(T0, T0.plusSeconds(2)));
    SegmentVault small = reopen(3 * each);
    assertEquals(3, small.sweep(T0.plusSeconds(20)));
    List<Instant> kept = small.entries().stream().map(VaultEntry::start).sorted().toList();
    assertEquals(List.of(T0, T0.plusSeconds(8), T0.plusSeconds(10)), kept);
    assertEquals(2, small.sweep(T0.plus(Duration.ofDays(30))), "only the unlocked files age out");
    assertEquals(List.of(T0), small.entries().stream().map(VaultEntry::start).toList());
    small.confirmed(List.of(small.entries().get(0).fileName()));
    assertEquals(1, small.sweep(T0.plus(Duration.ofDays(30))));
  }

  @Test
  void sealingDeletesThePlaintextAndAReopenedVaultKnowsItsFiles() throws Exception {
    SegmentVault vault = vault(1L << 30);
    Path plaintext = add(vault, "cabin", T0);
    assertFalse(Files.exists(plaintext));
    SegmentVault again = reopen(1L << 30);
    assertEquals(1, again.entries().size());
    assertEquals("cabin", again.entries().get(0).header().source());
    byte[] sealed = again.read(again.entries().get(0));
    assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("frame of cabin"));
    assertEquals(1, again.window(T0.minusSeconds(1), T0.plusSeconds(1)).size());
  }

  private SegmentVault vault(long budget) throws Exception {
    return SegmentVault.open(
        new SegmentVault.Settings(folder.resolve("vault"), Duration.ofHours(72), budget),
        "dev-t",
        gateway.getPublic());
  }

  private SegmentVault reopen(long budget) throws Exception {
    return vault(budget);
  }

  private Path add(SegmentVault vault, String camera, Instant start) throws Exception {
    Path ram = Files.createDirectories(folder.resolve("ram"));
    Path file = ram.resolve(camera + "-" + start.toEpochMilli() + ".ts");
    Files.writeString(file, "frame of " + camera + " ".repeat(1_000));
    vault.closed(new ClosedSegment(file, camera, false, start, 2_000));
    return file;
  }

  private static Instant oldest(SegmentVault vault) {
    return vault.entries().stream().map(VaultEntry::start).min(Instant::compareTo).orElseThrow();
  }
}
