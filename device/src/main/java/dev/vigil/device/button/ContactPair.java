package dev.vigil.device.button;

import java.util.Optional;

/**
 * A panic button with two contacts (pure): the normally-open one raises the alarm, the
 * normally-closed one on a second pin only checks the wiring. Both are pulled up and switch to
 * ground, so the pair always disagrees in level and agrees in meaning: at rest NO reads high and NC
 * low; pressed, the opposite. Both high means the cable is cut or unplugged (an open circuit, which
 * one contact alone cannot tell from "at rest"); both low means a short to ground. Such a state
 * held for {@code faultAfterMs} (longer than the moment both contacts are open while the button
 * travels) is a fault, reported once and cleared when the pair agrees again.
 *
 * @param noPressed the NO contact's debounced reading
 * @param ncPressed the NC contact's debounced reading
 * @param sinceMs monotonic ms since the pair last changed between agreeing and disagreeing
 * @param reported whether the current disagreement was reported
 */
public record ContactPair(boolean noPressed, boolean ncPressed, long sinceMs, boolean reported) {
  /** What the agent should hear about. */
  public sealed interface Event {}

  /** The wiring is broken; {@code fault} says how, for the installer. */
  public record Fault(String fault) implements Event {}

  /** The pair agrees again. */
  public record Cleared() implements Event {}

  /** The outcome of one input: the next state and the event, if any. */
  public record Step(ContactPair next, Optional<Event> event) {}

  public static ContactPair start(boolean noPressed, boolean ncPressed, long timeMs) {
    return new ContactPair(noPressed, ncPressed, timeMs, false);
  }

  public boolean agrees() {
    return noPressed == ncPressed;
  }

  /** Either contact's debounced reading changed at {@code timeMs}. */
  public Step changed(boolean no, boolean nc, long timeMs) {
    boolean agreesNow = no == nc;
    long since = agreesNow == agrees() ? sinceMs : timeMs;
    if (agreesNow && reported) {
      return new Step(new ContactPair(no, nc, since, false), Optional.of(new Cleared()));
    }
    return new Step(new ContactPair(no, nc, since, reported && !agreesNow), Optional.empty());
  }

  /** Time passed; a disagreement held long enough becomes a fault, once. */
  public Step tick(long nowMs, long faultAfterMs) {
    if (agrees() || reported || nowMs - sinceMs < faultAfterMs) {
      return new Step(this, Optional.empty());
    }
    String fault =
        noPressed
            ? "panic button wiring shorted to ground (both contacts closed)"
            : "panic button cable cut or unplugged (both contacts open)";
    return new Step(
        new ContactPair(noPressed, ncPressed, sinceMs, true), Optional.of(new Fault(fault)));
  }
}
