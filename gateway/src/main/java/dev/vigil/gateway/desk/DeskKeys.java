package dev.vigil.gateway.desk;

import dev.vigil.gateway.alerts.Resolution;
import java.util.Optional;

/**
 * The desk's keys, as a reducer from (state, key) to (state, command to send):
 *
 * <ul>
 *   <li>{@code ↑}/{@code k}, {@code ↓}/{@code j}: select the alert above or below;
 *   <li>{@code a}: acknowledge the selected alert: type an optional note, Enter sends;
 *   <li>{@code r}: resolve it: a digit picks the reason ({@code 1} HANDLED, {@code 2} FALSE_ALARM,
 *       {@code 3} TEST, {@code 4} DUPLICATE, {@code 5} OTHER), then a note (required for OTHER),
 *       Enter sends;
 *   <li>Escape cancels a prompt; {@code q} quits.
 * </ul>
 *
 * A command is only sent: the desk shows its effect when the gateway publishes the alert's change,
 * never before.
 */
public final class DeskKeys {
  /** The longest note the gateway takes ({@code ControlAck}). */
  static final int MAX_NOTE = 2_000;

  private DeskKeys() {}

  /** What a key press did. */
  public record Reaction(DeskState state, Optional<DeskCommand> command) {
    static Reaction of(DeskState state) {
      return new Reaction(state, Optional.empty());
    }
  }

  public static Reaction press(DeskState state, Key key) {
    Prompt prompt = state.prompt();
    if (prompt instanceof Prompt.AckNote note) {
      return typeAckNote(state, note, key);
    }
    if (prompt instanceof Prompt.ResolveReason reason) {
      return pickReason(state, reason, key);
    }
    if (prompt instanceof Prompt.ResolveNote note) {
      return typeResolveNote(state, note, key);
    }
    return browse(state, key);
  }

  private static Reaction browse(DeskState state, Key key) {
    if (key.kind() == Key.Kind.UP || key.equals(Key.of('k'))) {
      return Reaction.of(state.moved(-1));
    }
    if (key.kind() == Key.Kind.DOWN || key.equals(Key.of('j'))) {
      return Reaction.of(state.moved(1));
    }
    if (key.equals(Key.of('q'))) {
      return new Reaction(state, Optional.of(new DeskCommand.Quit()));
    }
    if (key.equals(Key.of('a')) || key.equals(Key.of('r'))) {
      return startCommand(state, key.character() == 'a');
    }
    return Reaction.of(state);
  }

  private static Reaction startCommand(DeskState state, boolean ack) {
    if (state.operator().isEmpty()) {
      return Reaction.of(state.withNotice("start the desk with --operator NAME to act", true));
    }
    Optional<DeskRow> row = state.selected();
    if (row.isEmpty()) {
      return Reaction.of(state.withNotice("no alert selected", true));
    }
    String id = row.get().alertId();
    Prompt next = ack ? new Prompt.AckNote(id, "") : new Prompt.ResolveReason(id);
    return Reaction.of(state.withPrompt(next).withNotice("", false));
  }

  private static Reaction typeAckNote(DeskState state, Prompt.AckNote note, Key key) {
    if (key.kind() == Key.Kind.ENTER) {
      DeskCommand ack = new DeskCommand.Ack(note.alertId(), note.text().strip());
      return sent(state, ack, "ack of " + note.alertId());
    }
    return editNote(state, note.text(), key).map(t -> new Prompt.AckNote(note.alertId(), t));
  }

  private static Reaction pickReason(DeskState state, Prompt.ResolveReason prompt, Key key) {
    if (key.kind() == Key.Kind.ESCAPE) {
      return Reaction.of(state.withPrompt(Prompt.NONE));
    }
    int digit = key.kind() == Key.Kind.CHARACTER ? key.character() - '1' : -1;
    if (digit < 0 || digit >= Prompt.REASONS.size()) {
      return Reaction.of(state);
    }
    Resolution reason = Prompt.REASONS.get(digit);
    return Reaction.of(state.withPrompt(new Prompt.ResolveNote(prompt.alertId(), reason, "")));
  }

  private static Reaction typeResolveNote(DeskState state, Prompt.ResolveNote note, Key key) {
    if (key.kind() == Key.Kind.ENTER) {
      String text = note.text().strip();
      if (note.reason() == Resolution.OTHER && text.isEmpty()) {
        return Reaction.of(state.withNotice("OTHER needs a note saying what happened", true));
      }
      DeskCommand resolve = new DeskCommand.Resolve(note.alertId(), note.reason(), text);
      return sent(state, resolve, "resolve of " + note.alertId() + " (" + note.reason() + ")");
    }
    return editNote(state, note.text(), key)
        .map(t -> new Prompt.ResolveNote(note.alertId(), note.reason(), t));
  }

  private static Reaction sent(DeskState state, DeskCommand command, String what) {
    DeskState next =
        state.withPrompt(Prompt.NONE).withNotice(what + " sent; waiting for the gateway", false);
    return new Reaction(next, Optional.of(command));
  }

  /** A note being typed: the text after this key, or Escape (cancel, the prompt goes away). */
  private record Edit(DeskState state, Optional<String> text) {
    Reaction map(java.util.function.Function<String, Prompt> prompt) {
      return Reaction.of(text.map(t -> state.withPrompt(prompt.apply(t))).orElse(state));
    }
  }

  private static Edit editNote(DeskState state, String text, Key key) {
    return switch (key.kind()) {
      case ESCAPE -> new Edit(state.withPrompt(Prompt.NONE), Optional.empty());
      case BACKSPACE ->
          new Edit(
              state, Optional.of(text.isEmpty() ? text : text.substring(0, text.length() - 1)));
      case CHARACTER ->
          new Edit(state, Optional.of(text.length() < MAX_NOTE ? text + key.character() : text));
      default -> new Edit(state, Optional.of(text));
    };
  }
}
