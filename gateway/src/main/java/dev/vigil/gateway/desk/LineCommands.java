package dev.vigil.gateway.desk;

import dev.vigil.gateway.alerts.Resolution;

/**
 * The plain mode's commands, one per line, for scripts and tests:
 *
 * <pre>
 * ack ALERT_ID [note ...]
 * resolve ALERT_ID REASON [note ...]     REASON: HANDLED FALSE_ALARM TEST DUPLICATE OTHER
 * list                                   the live alerts, one line each
 * quit
 * </pre>
 *
 * Words are separated by spaces; the note is the rest of the line. Blank lines and lines starting
 * with {@code #} are ignored.
 */
public final class LineCommands {
  static final String USAGE =
      "commands: ack ALERT_ID [note], resolve ALERT_ID REASON [note] (REASON: "
          + String.join(" ", Prompt.REASONS.stream().map(Enum::name).toList())
          + "), list, quit";

  private LineCommands() {}

  /** A line read: a command, nothing (blank or comment), or what is wrong with it. */
  public sealed interface Parsed {
    record Command(DeskCommand command) implements Parsed {}

    record Nothing() implements Parsed {}

    record Error(String message) implements Parsed {}
  }

  public static Parsed parse(String line) {
    String text = line.strip();
    if (text.isEmpty() || text.startsWith("#")) {
      return new Parsed.Nothing();
    }
    String[] words = text.split("\\s+", 4);
    return switch (words[0]) {
      case "ack" -> ack(words, text);
      case "resolve" -> resolve(words);
      case "list" -> words.length == 1 ? command(new DeskCommand.ListAlerts()) : usage();
      case "quit", "exit" -> words.length == 1 ? command(new DeskCommand.Quit()) : usage();
      default -> new Parsed.Error("unknown command '" + words[0] + "'; " + USAGE);
    };
  }

  private static Parsed ack(String[] words, String text) {
    if (words.length < 2) {
      return new Parsed.Error("ack needs an alert id: ack ALERT_ID [note]");
    }
    String[] parts = text.split("\\s+", 3);
    return command(new DeskCommand.Ack(parts[1], parts.length == 3 ? parts[2].strip() : ""));
  }

  private static Parsed resolve(String[] words) {
    if (words.length < 3) {
      return new Parsed.Error("resolve needs an alert id and a reason: " + USAGE);
    }
    Resolution reason = Resolution.parse(words[2]).filter(Prompt.REASONS::contains).orElse(null);
    if (reason == null) {
      return new Parsed.Error("unknown reason '" + words[2] + "'; " + USAGE);
    }
    String note = words.length == 4 ? words[3].strip() : "";
    if (reason == Resolution.OTHER && note.isEmpty()) {
      return new Parsed.Error("resolve ... OTHER needs a note saying what happened");
    }
    return command(new DeskCommand.Resolve(words[1], reason, note));
  }

  private static Parsed command(DeskCommand command) {
    return new Parsed.Command(command);
  }

  private static Parsed usage() {
    return new Parsed.Error(USAGE);
  }
}
