package dev.vigil.device.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.protocol.media.MediaHeader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which recordings answer a window request, and what the device says it lacks. */
@Timeout(5)
class WindowSelectionTest {
  private static final List<String> SOURCES = List.of("cabin", "cargo", "mic");

  private static VaultEntry segment(String source, long startMs) {
    MediaHeader header =
        MediaHeader.of(MediaHeader.Kind.VIDEO_SEGMENT, startMs, 2_000, new byte[] {1}, source, "d");
    return new VaultEntry(source + "-" + startMs + ".seal", header, 100);
  }

  private final VaultEntry cabin0 = segment("cabin", 0);
  private final VaultEntry cargo0 = segment("cargo", 0);
  private final VaultEntry cabin2 = segment("cabin", 2_000);
  private final VaultEntry cargo2 = segment("cargo", 2_000);
  private final List<VaultEntry> inWindow = List.of(cabin0, cargo0, cabin2, cargo2);

  @Test
  void noNamesMeansEverySourceAndTheVaultOrderIsKept() {
    WindowSelection all = WindowSelection.select(inWindow, SOURCES, List.of());

    assertEquals(inWindow, all.files());
    assertEquals(List.of("mic"), all.empty(), "the microphone recorded nothing then");
    assertEquals(List.of(), all.unknown());
    assertFalse(all.complete());
  }

  @Test
  void namedCamerasOnlyAndEachNameOnce() {
    WindowSelection cabin = WindowSelection.select(inWindow, SOURCES, List.of("cabin", "cabin"));

    assertEquals(List.of(cabin0, cabin2), cabin.files());
    assertTrue(cabin.complete());
  }

  @Test
  void unknownNamesAndSourcesWithNothingInTheWindowAreNamed() {
    WindowSelection some =
        WindowSelection.select(inWindow, SOURCES, List.of("roof", "cargo", "mic"));

    assertEquals(List.of(cargo0, cargo2), some.files());
    assertEquals(List.of("roof"), some.unknown());
    assertEquals(List.of("mic"), some.empty());
  }

  @Test
  void anEmptyWindowSelectsNothingAndSaysSoForEveryCameraAskedFor() {
    WindowSelection none = WindowSelection.select(List.of(), SOURCES, List.of("cabin", "cargo"));

    assertEquals(List.of(), none.files());
    assertEquals(List.of("cabin", "cargo"), none.empty());
  }

  @Test
  void aSegmentOverlapsAWindowOnlyIfTheyShareAnInstant() {
    VaultEntry old = segment("cabin", 0);
    assertFalse(old.overlaps(Instant.ofEpochMilli(2_000), Instant.ofEpochMilli(5_000)));
    assertTrue(old.overlaps(Instant.ofEpochMilli(1_999), Instant.ofEpochMilli(5_000)));
  }
}
