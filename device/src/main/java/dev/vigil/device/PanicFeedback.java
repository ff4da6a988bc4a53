package dev.vigil.device;

import dev.vigil.device.button.ButtonListener;
import dev.vigil.device.button.PanicButton;
import dev.vigil.device.health.HealthReporter;
import dev.vigil.device.indicator.Cue;
import dev.vigil.device.indicator.CueOutput;
import java.time.Instant;

/**
 * What the box does around a panic besides the alarm itself: the LED confirms the press, and a
 * circuit fault (a button held closed) becomes one health fault, cleared on release.
 */
final class PanicFeedback {
  private PanicFeedback() {}

  /** {@code button}, whose listener hears the alarm path first and this feedback second. */
  static PanicButton around(PanicButton button, HealthReporter health, CueOutput cues) {
    return new Observed(button, feedback(health, cues));
  }

  /** What the box does besides the alarm: the LED confirms it, a circuit fault goes to health. */
  private static ButtonListener feedback(HealthReporter health, CueOutput cues) {
    return new ButtonListener() {
      @Override
      public void onPress(Instant at) {
        cues.play(Cue.ALARM_RAISED);
      }

      @Override
      public void onFault(String fault) {
        health.fault("button", fault);
      }

      @Override
      public void onFaultCleared() {
        health.clear("button");
      }
    };
  }

  /** A button whose listener also hears {@code extra}: the alarm path first, feedback second. */
  private record Observed(PanicButton button, ButtonListener extra) implements PanicButton {
    @Override
    public void start(ButtonListener listener) {
      button.start(listener.andThen(extra));
    }

    @Override
    public void close() {
      button.close();
    }
  }
}
