package dev.vigil.device.button;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class ContactPairTest {
  private static final long AFTER_MS = 2_000;

  @Test
  void aPressMovesBothContactsAndIsNoFault() {
    ContactPair pair = ContactPair.start(false, false, 0);
    // The NO contact closes first; for a moment both contacts read differently.
    pair = pair.changed(true, false, 100).next();
    assertEquals(Optional.empty(), pair.tick(150, AFTER_MS).event());
    pair = pair.changed(true, true, 104).next();
    assertEquals(Optional.empty(), pair.tick(10_000, AFTER_MS).event());
  }

  @Test
  void aCutCableIsOneFaultClearedWhenReconnected() {
    ContactPair pair = ContactPair.start(false, false, 0).changed(false, true, 1_000).next();
    assertEquals(Optional.empty(), pair.tick(2_999, AFTER_MS).event());

    ContactPair.Step fault = pair.tick(3_000, AFTER_MS);
    assertTrue(
        fault.event().orElseThrow() instanceof ContactPair.Fault f && f.fault().contains("cut"));
    pair = fault.next();
    assertEquals(Optional.empty(), pair.tick(60_000, AFTER_MS).event(), "reported once");

    ContactPair.Step repaired = pair.changed(false, false, 61_000);
    assertTrue(repaired.event().orElseThrow() instanceof ContactPair.Cleared);
  }

  @Test
  void aShortToGroundIsNamedAsSuch() {
    ContactPair pair = ContactPair.start(false, false, 0).changed(true, false, 0).next();
    ContactPair.Step fault = pair.tick(AFTER_MS, AFTER_MS);
    assertTrue(
        fault.event().orElseThrow() instanceof ContactPair.Fault f
            && f.fault().contains("shorted"));
  }
}
