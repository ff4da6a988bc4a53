package dev.vigil.device.gpio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class Pi4jGpioTest {
  @Test
  void gpiodOnABoxWithoutAGpioChipIsALoudError(@TempDir Path emptyDev) {
    var error =
        assertThrows(
            IllegalStateException.class, () -> Pi4jGpio.open(Pi4jGpio.Provider.GPIOD, emptyDev));
    assertTrue(error.getMessage().contains("gpio.provider=gpiod"), error.getMessage());
    assertTrue(error.getMessage().contains("gpiochip"), error.getMessage());
  }

  @Test
  void mockInputsRestAtTheLevelTheirPullGivesThem() {
    try (Pi4jGpio gpio = Pi4jGpio.open(Pi4jGpio.Provider.MOCK, Path.of("/dev"))) {
      assertTrue(gpio.input("up", 5, Gpio.Pull.UP).high());
      assertFalse(gpio.input("down", 6, Gpio.Pull.DOWN).high());
    }
  }

  @Test
  void onlyTheMockHasDrivablePins(@TempDir Path emptyDev) {
    try (Pi4jGpio gpio = Pi4jGpio.open(Pi4jGpio.Provider.MOCK, Path.of("/dev"))) {
      assertTrue(gpio.mock().isPresent());
      assertThrows(IllegalArgumentException.class, () -> gpio.mock().get().drive(9, true));
    }
  }
}
