package dev.vigil.device.ignition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.gpio.Gpio;
import dev.vigil.device.gpio.InputPin;
import dev.vigil.device.gpio.Pi4jGpio;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class GpioIgnitionTest {
  private static final int PIN = 27;

  @Test
  void ignitionOnAndOffAreHeardButACrankingDipIsNot() throws Exception {
    BlockingQueue<Boolean> heard = new LinkedBlockingQueue<>();
    try (Pi4jGpio gpio = Pi4jGpio.open(Pi4jGpio.Provider.MOCK, Path.of("/dev"));
        GpioIgnition ignition =
            new GpioIgnition(
                gpio, new InputPin("ignition", PIN, false, Gpio.Pull.UP, 200), Clock.systemUTC())) {
      Gpio.MockPins wire = gpio.mock().orElseThrow();
      ignition.listen((on, at) -> heard.add(on));
      ignition.start();
      assertFalse(ignition.on(), "the optocoupler is dark: pulled up, off");

      wire.drive(PIN, false);
      assertEquals(Boolean.TRUE, heard.poll(2, TimeUnit.SECONDS));
      assertTrue(ignition.on());

      wire.drive(PIN, true);
      Thread.sleep(50);
      wire.drive(PIN, false);
      assertNull(heard.poll(500, TimeUnit.MILLISECONDS), "a 50 ms dip while cranking");

      wire.drive(PIN, true);
      assertEquals(Boolean.FALSE, heard.poll(2, TimeUnit.SECONDS));
      assertFalse(ignition.on());
    }
  }
}
