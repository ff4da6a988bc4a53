package dev.vigil.device.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class PatternTest {
  @Test
  void pulsesAlternateOnAndOffThenStayOff() {
    Pattern warning = Cue.WARNING.buzzer();
    assertEquals(750, warning.totalMs());
    assertTrue(warning.onAt(0));
    assertTrue(warning.onAt(149));
    assertFalse(warning.onAt(150));
    assertTrue(warning.onAt(250));
    assertTrue(warning.onAt(500));
    assertFalse(warning.onAt(650));
    assertFalse(warning.onAt(750));
    assertFalse(warning.onAt(10_000));
  }

  @Test
  void aPanicNeverSoundsTheBuzzer() {
    assertEquals(0, Cue.ALARM_RAISED.buzzer().totalMs());
    assertEquals(0, Cue.HELP_ACKNOWLEDGED.buzzer().totalMs());
    assertTrue(Cue.ALARM_RAISED.led().totalMs() > 0, "but the LED confirms it");
  }

  @Test
  void aStepOfNoTimeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Pattern(List.of(100L, 0L), 1));
  }
}
