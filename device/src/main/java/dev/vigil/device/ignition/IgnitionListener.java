package dev.vigil.device.ignition;

import java.time.Instant;

/** Hears the ignition (ACC) turn on and off, debounced. Must not block. */
public interface IgnitionListener {
  /** {@code at} is when the change started (the edge), not when it was confirmed. */
  void onIgnition(boolean on, Instant at);
}
