package dev.vigil.device.button;

import java.util.Optional;

/**
 * What a debounced panic line means (pure: feed it changes and the passing time, read events). A
 * press is an alarm at once; a button held closed beyond {@code stuckAfterMs} is a fault reported
 * once (a jammed button or a shorted cable), cleared when it opens again, and never a second alarm.
 * A line already closed when the agent starts raises no alarm (it cannot be told from a short) but
 * becomes a fault the same way.
 *
 * @param pressed the debounced level
 * @param sinceMs monotonic ms of the edge that started the current level
 * @param stuck whether the current press has been reported as a fault
 */
public record PanicCircuit(boolean pressed, long sinceMs, boolean stuck) {
  /** What the agent should hear about. */
  public enum Event {
    PRESS,
    STUCK,
    UNSTUCK
  }

  /** The outcome of one input: the circuit's next state and the event, if any. */
  public record Step(PanicCircuit next, Optional<Event> event) {}

  public static PanicCircuit start(boolean pressed, long timeMs) {
    return new PanicCircuit(pressed, timeMs, false);
  }

  /** The debounced line changed at {@code edgeMs}. */
  public Step changed(boolean nowPressed, long edgeMs) {
    if (nowPressed == pressed) {
      return new Step(this, Optional.empty());
    }
    PanicCircuit next = new PanicCircuit(nowPressed, edgeMs, false);
    if (nowPressed) {
      return new Step(next, Optional.of(Event.PRESS));
    }
    return new Step(next, stuck ? Optional.of(Event.UNSTUCK) : Optional.empty());
  }

  /** Time passed without a change; a long enough press turns into a fault, once. */
  public Step tick(long nowMs, long stuckAfterMs) {
    if (pressed && !stuck && nowMs - sinceMs >= stuckAfterMs) {
      return new Step(new PanicCircuit(true, sinceMs, true), Optional.of(Event.STUCK));
    }
    return new Step(this, Optional.empty());
  }
}
