package dev.vigil.device.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class DebounceTest {
  private static final long STABLE_MS = 10;

  @Test
  void aHeldLevelCountsOnceItHasHeldForTheStableTimeAndDatesFromItsEdge() {
    Debounce line = Debounce.start(false, 1_000);
    line = line.sample(1_100, true, STABLE_MS);
    assertFalse(line.active(), "not yet: only just changed");
    assertEquals(OptionalLong.of(1_110), line.confirmAtMs(STABLE_MS));

    line = line.sample(1_110, true, STABLE_MS);

    assertTrue(line.active());
    assertEquals(1_100, line.sinceMs(), "the press dates from its edge");
    assertEquals(OptionalLong.empty(), line.confirmAtMs(STABLE_MS));
  }

  @Test
  void contactBounceYieldsOneChangeDatedFromTheLastBounce() {
    Debounce line = Debounce.start(false, 0);
    Debounce before = line;
    int changes = 0;
    // A closing contact chattering for 4 ms.
    long[] edgesMs = {100, 101, 102, 103, 104};
    boolean level = true;
    for (long at : edgesMs) {
      line = line.sample(at, level, STABLE_MS);
      changes += line.changedFrom(before) ? 1 : 0;
      before = line;
      level = !level;
    }
    line = line.sample(114, true, STABLE_MS);
    changes += line.changedFrom(before) ? 1 : 0;

    assertEquals(1, changes);
    assertTrue(line.active());
    assertEquals(104, line.sinceMs());
  }

  @Test
  void aSpikeShorterThanTheStableTimeIsIgnored() {
    Debounce line = Debounce.start(false, 0);
    line = line.sample(500, true, STABLE_MS);
    line = line.sample(503, false, STABLE_MS);
    line = line.sample(600, false, STABLE_MS);

    assertFalse(line.active());
    assertEquals(0, line.sinceMs());
    assertEquals(OptionalLong.empty(), line.confirmAtMs(STABLE_MS));
  }

  @Test
  void aReleaseIsDebouncedLikeAPress() {
    Debounce line = Debounce.start(true, 0);
    line = line.sample(50, false, STABLE_MS);
    assertTrue(line.active());
    line = line.sample(59, false, STABLE_MS);
    assertTrue(line.active(), "9 ms is not yet 10");
    line = line.sample(60, false, STABLE_MS);
    assertFalse(line.active());
    assertEquals(50, line.sinceMs());
  }
}
