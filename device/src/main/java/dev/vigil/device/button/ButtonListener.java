package dev.vigil.device.button;

import java.time.Instant;

/** Receives debounced presses and circuit faults. Must not block: a press is a panic. */
public interface ButtonListener {
  /** One debounced press; {@code at} is when the edge was seen. */
  void onPress(Instant at);

  /** The circuit is faulty (stuck closed, open wire): a health fault, never a stream of alarms. */
  default void onFault(String fault) {}

  /** The fault reported by {@link #onFault} is gone (the button was released, say). */
  default void onFaultCleared() {}
}
