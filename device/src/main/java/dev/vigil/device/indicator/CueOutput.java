package dev.vigil.device.indicator;

/**
 * Plays a cue to the driver. Returns at once; a new cue replaces one still playing. Warnings, the
 * panic path and the self-test all use this and nothing else of the buzzer and LED.
 */
@FunctionalInterface
public interface CueOutput {
  void play(Cue cue);

  /** No buzzer or LED fitted. */
  CueOutput NONE = cue -> {};
}
