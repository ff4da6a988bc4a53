package dev.vigil.device.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.gpio.Gpio;
import dev.vigil.device.gpio.InputPin;
import dev.vigil.device.gpio.Pi4jGpio;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class PowerMonitorTest {
  private static final int PIN = 6;

  @Test
  void aLostSupplyCallsTheShutdownOnceAndABriefDipDoesNot() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch lost = new CountDownLatch(1);
    try (Pi4jGpio gpio = Pi4jGpio.open(Pi4jGpio.Provider.MOCK, Path.of("/dev"));
        PowerMonitor power =
            new PowerMonitor(
                gpio, new InputPin("power", PIN, true, Gpio.Pull.DOWN, 300), Clock.systemUTC())) {
      Gpio.MockPins wire = gpio.mock().orElseThrow();
      wire.drive(PIN, true);
      power.start(
          () -> {
            calls.incrementAndGet();
            lost.countDown();
          });
      assertTrue(power.good());

      wire.drive(PIN, false);
      Thread.sleep(20);
      wire.drive(PIN, true);
      assertFalse(lost.await(600, TimeUnit.MILLISECONDS), "a 20 ms dip is not a power cut");

      wire.drive(PIN, false);
      assertTrue(lost.await(2, TimeUnit.SECONDS));
      wire.drive(PIN, true);
      wire.drive(PIN, false);
      Thread.sleep(400);
      assertEquals(1, calls.get(), "the shutdown runs once");
    }
  }
}
