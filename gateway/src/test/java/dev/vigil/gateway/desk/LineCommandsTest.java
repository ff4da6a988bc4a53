package dev.vigil.gateway.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.alerts.Resolution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(5)
class LineCommandsTest {
  private static DeskCommand command(String line) {
    return assertInstanceOf(LineCommands.Parsed.Command.class, LineCommands.parse(line)).command();
  }

  private static String error(String line) {
    return assertInstanceOf(LineCommands.Parsed.Error.class, LineCommands.parse(line)).message();
  }

  @Test
  void ackTakesAnIdAndTheRestOfTheLineAsTheNote() {
    assertEquals(new DeskCommand.Ack("al-1", ""), command("ack al-1"));
    assertEquals(
        new DeskCommand.Ack("al-1", "calling  the driver"),
        command("  ack   al-1 calling  the driver  "));
  }

  @Test
  void resolveTakesAReasonInAnyCaseAndANote() {
    assertEquals(
        new DeskCommand.Resolve("al-1", Resolution.HANDLED, "police on site"),
        command("resolve al-1 HANDLED police on site"));
    assertEquals(
        new DeskCommand.Resolve("al-1", Resolution.FALSE_ALARM, ""),
        command("resolve al-1 false_alarm"));
    assertEquals(
        new DeskCommand.Resolve("al-1", Resolution.OTHER, "tow"),
        command("resolve al-1 OTHER tow"));
  }

  @Test
  void listAndQuit() {
    assertEquals(new DeskCommand.ListAlerts(), command("list"));
    assertEquals(new DeskCommand.Quit(), command("quit"));
    assertEquals(new DeskCommand.Quit(), command("exit"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "# a comment"})
  void blanksAndCommentsAreNothing(String line) {
    assertInstanceOf(LineCommands.Parsed.Nothing.class, LineCommands.parse(line));
  }

  @Test
  void badLinesSayWhatIsWrong() {
    assertEquals("ack needs an alert id: ack ALERT_ID [note]", error("ack"));
    assertTrue(error("resolve al-1").startsWith("resolve needs an alert id and a reason"));
    assertTrue(error("resolve al-1 FIXED").startsWith("unknown reason 'FIXED'"));
    assertTrue(error("resolve al-1 BACK_ONLINE").startsWith("unknown reason"), "the gateway's own");
    assertEquals(
        "resolve ... OTHER needs a note saying what happened", error("resolve al-1 OTHER"));
    assertTrue(error("acknowledge al-1").startsWith("unknown command 'acknowledge'"));
    assertTrue(error("quit now").startsWith("commands: "));
  }
}
