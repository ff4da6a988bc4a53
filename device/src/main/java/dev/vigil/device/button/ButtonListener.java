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

  /** This listener, then {@code next}; a failure of one does not keep the other from hearing. */
  default ButtonListener andThen(ButtonListener next) {
    ButtonListener first = this;
    return new ButtonListener() {
      @Override
      public void onPress(Instant at) {
        try {
          first.onPress(at);
        } finally {
          next.onPress(at);
        }
      }

      @Override
      public void onFault(String fault) {
        try {
          first.onFault(fault);
        } finally {
          next.onFault(fault);
        }
      }

      @Override
      public void onFaultCleared() {
        try {
          first.onFaultCleared();
        } finally {
          next.onFaultCleared();
        }
      }
    };
  }
}
