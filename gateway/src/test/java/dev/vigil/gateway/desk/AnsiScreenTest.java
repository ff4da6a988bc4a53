package dev.vigil.gateway.desk;

import static dev.vigil.gateway.desk.DeskAlerts.T0;
import static dev.vigil.gateway.desk.DeskAlerts.alert;
import static dev.vigil.gateway.desk.DeskAlerts.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.alert.AlertType;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class AnsiScreenTest {
  private static final Instant NOW = T0.plusSeconds(125);

  private static final DeskState DESK =
      DeskState.start(Optional.of("anna"))
          .withConnected(true)
          .withAlert(open("speed-1", AlertType.SPEEDING, 5))
          .withAlert(alert("panic-1", AlertType.PANIC, AlertState.ACKNOWLEDGED, 20, 30, 0, "anna"))
          .withAlert(
              alert("stop-1", AlertType.ABNORMAL_STOP, AlertState.ESCALATED, 10, 40, 2, null))
          .withAlert(open("panic-2", AlertType.PANIC, 60));

  private static List<String> lines(String screen) {
    return Arrays.asList(screen.split("\r\n", -1));
  }

  /** The text a person sees: escape sequences dropped. */
  private static String plain(String line) {
    return line.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "");
  }

  @Test
  void drawsTheAlertsAsATableInTheDesksOrder() {
    List<String> lines = lines(AnsiScreen.render(DESK, NOW, 120, 24));
    assertTrue(lines.get(0).startsWith(AnsiScreen.HOME), "redraws from the top");
    assertEquals("VIGIL CONTROL ROOM", plain(lines.get(0)));
    assertEquals(
        "SEVERITY STATE        TYPE             VEHICLE          COUNT LVL     AGE  BY             ALERT",
        plain(lines.get(1)));
    assertEquals(
        List.of(
            "MAJOR    ESCALATED    ABNORMAL_STOP    VEH-stop-1           1   2   1m55s  -              stop-1",
            "CRITICAL OPEN         PANIC            VEH-panic-2          1   0   1m05s  -              panic-2",
            "MINOR    OPEN         SPEEDING         VEH-speed-1          1   0   2m00s  -              speed-1",
            "CRITICAL ACKNOWLEDGED PANIC            VEH-panic-1          1   0   1m45s  anna           panic-1"),
        lines.subList(2, 6).stream().map(AnsiScreenTest::plain).toList());
  }

  @Test
  void highlightsUrgentAndUnacknowledgedRowsAndReversesTheSelectedOne() {
    DeskState onTheNewPanic = DESK.moved(-1);
    assertEquals(Optional.of("panic-2"), onTheNewPanic.selectedId());
    List<String> lines = lines(AnsiScreen.render(onTheNewPanic, NOW, 120, 24));
    String escalated = lines.get(2);
    String panic = lines.get(3);
    String minor = lines.get(4);
    String taken = lines.get(5);
    assertTrue(escalated.startsWith(AnsiScreen.BOLD + AnsiScreen.RED + "MAJOR"), escalated);
    assertTrue(
        panic.startsWith(AnsiScreen.BOLD + AnsiScreen.RED + AnsiScreen.REVERSE + "CRITICAL"),
        "selected: " + panic);
    assertTrue(minor.startsWith(AnsiScreen.BOLD + "MINOR"), minor);
    assertTrue(taken.startsWith("CRITICAL"), "acknowledged: plain " + taken);
  }

  @Test
  void theStatusLineShowsConnectionOperatorAndCounts() {
    List<String> lines = lines(AnsiScreen.render(DESK, NOW, 200, 24));
    assertEquals(
        "connected | operator anna | 4 live, 2 urgent | ↑↓/jk select  a ack  r resolve  q quit",
        plain(lines.get(6)));
    List<String> away = lines(AnsiScreen.render(DeskState.start(Optional.empty()), NOW, 200, 24));
    assertEquals("  no live alerts", plain(away.get(2)));
    assertEquals(
        "DISCONNECTED | watch only (no --operator) | 0 live, 0 urgent | ↑↓/jk select  a ack  r"
            + " resolve  q quit",
        plain(away.get(3)));
  }

  @Test
  void theBottomLineShowsThePromptOrTheLastNotice() {
    DeskState reason = DeskKeys.press(DESK, Key.of('r')).state();
    String bottom = last(AnsiScreen.render(reason, NOW, 200, 24));
    assertEquals(
        "resolve speed-1 reason: 1 HANDLED 2 FALSE_ALARM 3 TEST 4 DUPLICATE 5 OTHER (Esc cancels)",
        plain(bottom));
    DeskState note = DeskKeys.press(DeskKeys.press(DESK, Key.of('a')).state(), Key.of('x')).state();
    assertEquals(
        "ack speed-1 note (Enter sends, Esc cancels): x",
        plain(last(AnsiScreen.render(note, NOW, 200, 24))));
    String error = last(AnsiScreen.render(DESK.withNotice("no such alert", true), NOW, 200, 24));
    assertTrue(error.contains(AnsiScreen.RED), error);
    assertEquals("ERROR no such alert", plain(error));
  }

  @Test
  void aSmallScreenScrollsToKeepTheSelectionVisibleAndCutsLines() {
    DeskState last = DESK.moved(3);
    assertEquals(Optional.of("panic-1"), last.selectedId());
    List<String> lines = lines(AnsiScreen.render(last, NOW, 40, 7));
    assertEquals(7, lines.size());
    assertTrue(plain(lines.get(2)).startsWith("MINOR    OPEN"), lines.get(2));
    assertTrue(plain(lines.get(3)).startsWith("CRITICAL ACKNOWLEDGED"), lines.get(3));
    assertTrue(lines.get(3).contains(AnsiScreen.REVERSE), "the selected row is on screen");
    assertEquals("  rows 3-4 of 4", plain(lines.get(4)));
    for (String line : lines) {
      assertTrue(plain(line).length() <= 40, line);
    }
    assertFalse(String.join("", lines).contains("stop-1"), "scrolled out of view");
  }

  @Test
  void agesAreShortAndNeverNegative() {
    assertEquals("0s", AnsiScreen.age(Duration.ofSeconds(-3)));
    assertEquals("59s", AnsiScreen.age(Duration.ofSeconds(59)));
    assertEquals("1m00s", AnsiScreen.age(Duration.ofSeconds(60)));
    assertEquals("59m59s", AnsiScreen.age(Duration.ofSeconds(3_599)));
    assertEquals("2h07m", AnsiScreen.age(Duration.ofMinutes(127)));
    assertEquals("3d04h", AnsiScreen.age(Duration.ofHours(76)));
  }

  private static String last(String screen) {
    List<String> lines = lines(screen);
    return lines.get(lines.size() - 1);
  }
}
