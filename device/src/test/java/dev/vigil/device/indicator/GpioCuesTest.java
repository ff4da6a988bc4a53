package dev.vigil.device.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigil.device.gpio.Gpio;
import dev.vigil.device.gpio.OutputPin;
import dev.vigil.device.gpio.Pi4jGpio;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class GpioCuesTest {
  @Test
  void aWarningPulsesTheBuzzerAndLedThreeTimesAndLeavesThemOff() throws Exception {
    try (Pi4jGpio gpio = Pi4jGpio.open(Pi4jGpio.Provider.MOCK, Path.of("/dev"))) {
      Gpio.MockPins pins = gpio.mock().orElseThrow();
      // The LED is wired active low (sinking current): "on" must drive the pin low.
      try (GpioCues cues =
          new GpioCues(
              Optional.of(new OutputPin("buzzer", 23, true).open(gpio)),
              Optional.of(new OutputPin("led", 24, false).open(gpio)))) {
        List<Boolean> buzzer = new CopyOnWriteArrayList<>();
        List<Boolean> led = new CopyOnWriteArrayList<>();
        pins.watchOutput(23, buzzer::add);
        pins.watchOutput(24, led::add);

        cues.play(Cue.WARNING);
        Thread.sleep(Cue.WARNING.buzzer().totalMs() + 300);

        assertEquals(List.of(true, false, true, false, true, false), buzzer);
        assertEquals(List.of(false, true, false, true, false, true), led);
        assertFalse(pins.output(23));
      }
    }
  }

  @Test
  void aNewCueCutsTheOldOneShort() throws Exception {
    try (Pi4jGpio gpio = Pi4jGpio.open(Pi4jGpio.Provider.MOCK, Path.of("/dev"));
        GpioCues cues =
            new GpioCues(
                Optional.of(new OutputPin("buzzer", 23, true).open(gpio)), Optional.empty())) {
      Gpio.MockPins pins = gpio.mock().orElseThrow();
      cues.play(Cue.SELFTEST_BUZZER);
      Thread.sleep(100);
      cues.play(Cue.ALARM_RAISED);
      Thread.sleep(200);
      assertFalse(pins.output(23), "a panic silences the buzzer at once");
    }
  }
}
