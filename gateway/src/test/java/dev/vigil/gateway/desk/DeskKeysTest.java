package dev.vigil.gateway.desk;

import static dev.vigil.gateway.desk.DeskAlerts.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.alerts.Resolution;
import dev.vigil.protocol.alert.AlertType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class DeskKeysTest {
  private static final DeskState DESK =
      DeskState.start(Optional.of("anna"))
          .withAlert(open("p1", AlertType.PANIC, 1))
          .withAlert(open("s2", AlertType.SPEEDING, 2))
          .withAlert(open("s3", AlertType.SPEEDING, 3));

  /** Presses the keys in order; returns the final state and every command sent. */
  private record Run(DeskState state, List<DeskCommand> commands) {}

  private static Run press(DeskState state, Key... keys) {
    List<DeskCommand> commands = new ArrayList<>();
    for (Key key : keys) {
      DeskKeys.Reaction reaction = DeskKeys.press(state, key);
      state = reaction.state();
      reaction.command().ifPresent(commands::add);
    }
    return new Run(state, commands);
  }

  private static Key[] typed(String text) {
    return text.chars().mapToObj(c -> Key.of((char) c)).toArray(Key[]::new);
  }

  private static Key[] keys(Object... parts) {
    List<Key> keys = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof Key key) {
        keys.add(key);
      } else {
        keys.addAll(List.of(typed((String) part)));
      }
    }
    return keys.toArray(Key[]::new);
  }

  @Test
  void arrowsAndJkMoveTheSelection() {
    assertEquals(Optional.of("s2"), press(DESK, Key.DOWN).state().selectedId());
    assertEquals(Optional.of("s3"), press(DESK, keys("jj")).state().selectedId());
    assertEquals(Optional.of("s2"), press(DESK, keys("jjk")).state().selectedId());
    assertEquals(Optional.of("p1"), press(DESK, keys(Key.DOWN, Key.UP)).state().selectedId());
    assertTrue(press(DESK, keys("jjk")).commands().isEmpty());
  }

  @Test
  void aAcknowledgesTheSelectedAlertWithTheTypedNote() {
    Run run = press(DESK, keys("j", "a", "on it", Key.ENTER));
    assertEquals(List.of(new DeskCommand.Ack("s2", "on it")), run.commands());
    assertEquals(Prompt.NONE, run.state().prompt());
    assertEquals("ack of s2 sent; waiting for the gateway", run.state().notice());
    assertEquals(
        List.of(new DeskCommand.Ack("p1", "")), press(DESK, keys("a", Key.ENTER)).commands());
  }

  @Test
  void theStateDoesNotChangeUntilTheGatewayPublishesIt() {
    Run run = press(DESK, keys("a", Key.ENTER));
    assertEquals(DESK.alerts(), run.state().alerts());
  }

  @Test
  void lettersTypedIntoANoteAreTextNotKeysAndBackspaceEditsIt() {
    Run run = press(DESK, keys("a", "jqkx", Key.BACKSPACE, "!", Key.ENTER));
    assertEquals(List.of(new DeskCommand.Ack("p1", "jqk!")), run.commands());
    assertEquals(Optional.of("p1"), run.state().selectedId());
  }

  @Test
  void rPicksAReasonByDigitThenTakesANote() {
    Run run = press(DESK, keys("r", "2", "pressed by mistake", Key.ENTER));
    assertEquals(
        List.of(new DeskCommand.Resolve("p1", Resolution.FALSE_ALARM, "pressed by mistake")),
        run.commands());
    Run handled = press(DESK, keys("r", "1", Key.ENTER));
    assertEquals(
        List.of(new DeskCommand.Resolve("p1", Resolution.HANDLED, "")), handled.commands());
  }

  @Test
  void theReasonsAreThoseAnOperatorMayGiveNeverBackOnline() {
    assertEquals(
        List.of(
            Resolution.HANDLED,
            Resolution.FALSE_ALARM,
            Resolution.TEST,
            Resolution.DUPLICATE,
            Resolution.OTHER),
        Prompt.REASONS);
    Run run = press(DESK, keys("r", "6", "9", "x"));
    assertEquals(new Prompt.ResolveReason("p1"), run.state().prompt(), "no such reason");
  }

  @Test
  void otherNeedsANote() {
    Run blank = press(DESK, keys("r", "5", Key.ENTER));
    assertTrue(blank.commands().isEmpty());
    assertTrue(blank.state().noticeIsError());
    assertEquals(new Prompt.ResolveNote("p1", Resolution.OTHER, ""), blank.state().prompt());
    Run noted = press(blank.state(), keys("tow truck", Key.ENTER));
    assertEquals(
        List.of(new DeskCommand.Resolve("p1", Resolution.OTHER, "tow truck")), noted.commands());
  }

  @Test
  void escapeCancelsEveryPrompt() {
    for (Key[] keys :
        List.of(
            keys("a", "half", Key.ESCAPE),
            keys("r", Key.ESCAPE),
            keys("r", "1", "x", Key.ESCAPE))) {
      Run run = press(DESK, keys);
      assertEquals(Prompt.NONE, run.state().prompt());
      assertTrue(run.commands().isEmpty());
    }
  }

  @Test
  void qQuitsOnlyOutsideAPrompt() {
    assertEquals(List.of(new DeskCommand.Quit()), press(DESK, keys("q")).commands());
    assertTrue(press(DESK, keys("a", "q")).commands().isEmpty());
  }

  @Test
  void withoutAnOperatorTheDeskOnlyWatches() {
    DeskState watcher = DeskState.start(Optional.empty()).withAlert(open("p1", AlertType.PANIC, 1));
    Run run = press(watcher, keys("a", Key.ENTER, "r", "1", Key.ENTER));
    assertTrue(run.commands().isEmpty());
    assertEquals(Prompt.NONE, run.state().prompt());
    assertEquals("start the desk with --operator NAME to act", run.state().notice());
  }

  @Test
  void anEmptyDeskHasNothingToAcknowledge() {
    Run run = press(DeskState.start(Optional.of("anna")), keys("a", Key.ENTER));
    assertTrue(run.commands().isEmpty());
    assertEquals("no alert selected", run.state().notice());
  }

  @Test
  void aNoteStopsAtTheLengthTheGatewayTakes() {
    Key[] many = typed("x".repeat(DeskKeys.MAX_NOTE + 10));
    Run run = press(press(DESK, keys("a")).state(), many);
    assertEquals(DeskKeys.MAX_NOTE, ((Prompt.AckNote) run.state().prompt()).text().length());
  }
}
