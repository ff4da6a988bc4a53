package dev.vigil.device.safety;

/**
 * Where in-cab warnings go (voice prompts, buzzer, LED), chosen in the composition root. Called on
 * the safety engine's caller thread: an implementation must return quickly (hand the warning to its
 * own player) and must not throw.
 */
@FunctionalInterface
public interface WarningOutput {
  void warn(DriverWarning warning);

  /** Drops every warning: for a box without in-cab outputs. */
  WarningOutput NONE = warning -> {};

  /** Gives each warning to every output in order (voice, buzzer, LED, log). */
  static WarningOutput all(java.util.List<WarningOutput> outputs) {
    java.util.List<WarningOutput> copy = java.util.List.copyOf(outputs);
    return warning -> copy.forEach(output -> output.warn(warning));
  }
}
