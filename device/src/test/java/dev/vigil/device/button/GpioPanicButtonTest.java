package dev.vigil.device.button;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.gpio.Gpio;
import dev.vigil.device.gpio.GpioThreads;
import dev.vigil.device.gpio.InputPin;
import dev.vigil.device.gpio.Pi4jGpio;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The GPIO panic button driven through Pi4J's mock plugin: the event path of a real edge. */
@Timeout(20)
class GpioPanicButtonTest {
  private static final int PIN = 17;
  private final Pi4jGpio gpio = Pi4jGpio.open(Pi4jGpio.Provider.MOCK, Path.of("/dev"));
  private final Gpio.MockPins wire = gpio.mock().orElseThrow();
  private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
  private GpioPanicButton button;

  /** The debouncer's monotonic clock: frozen while a test wiggles the line, then moved on. */
  private final AtomicLong nowMs = new AtomicLong(1_000);

  private void start(long stuckAfterMs, LongSupplier clockMs) {
    InputPin pin = new InputPin("button", PIN, false, Gpio.Pull.UP, 10);
    button = new GpioPanicButton(gpio, pin, stuckAfterMs, Clock.systemUTC(), clockMs);
    button.start(
        new ButtonListener() {
          @Override
          public void onPress(Instant at) {
            heard.add("press");
          }

          @Override
          public void onFault(String fault) {
            heard.add("fault: " + fault);
          }

          @Override
          public void onFaultCleared() {
            heard.add("cleared");
          }
        });
  }

  @AfterEach
  void close() {
    button.close();
    gpio.close();
  }

  @Test
  void aBouncingPressIsOneAlarm() throws Exception {
    start(30_000, nowMs::get);
    for (int i = 0; i < 4; i++) {
      wire.drive(PIN, false);
      nowMs.addAndGet(1);
      wire.drive(PIN, true);
    }
    wire.drive(PIN, false);
    assertNull(heard.poll(100, TimeUnit.MILLISECONDS), "still bouncing: not yet a press");

    nowMs.addAndGet(10);
    assertEquals("press", heard.poll(2, TimeUnit.SECONDS));
    wire.drive(PIN, true);
    nowMs.addAndGet(5_000);
    assertNull(heard.poll(300, TimeUnit.MILLISECONDS), "one press, however much it bounced");
  }

  @Test
  void aGlitchShorterThanTheDebounceIsNoAlarm() throws Exception {
    start(30_000, nowMs::get);
    wire.drive(PIN, false);
    nowMs.addAndGet(9);
    wire.drive(PIN, true);
    nowMs.addAndGet(5_000);
    assertNull(heard.poll(300, TimeUnit.MILLISECONDS));
  }

  @Test
  void aStuckButtonIsOneFaultClearedOnRelease() throws Exception {
    start(300, GpioThreads::monotonicMs);
    wire.drive(PIN, false);
    assertEquals("press", heard.poll(2, TimeUnit.SECONDS));
    String fault = heard.poll(3, TimeUnit.SECONDS);
    assertNotNull(fault);
    assertTrue(fault.startsWith("fault: panic button held closed"), fault);
    assertNull(heard.poll(1, TimeUnit.SECONDS), "no stream of alarms or faults");

    wire.drive(PIN, true);
    assertEquals("cleared", heard.poll(2, TimeUnit.SECONDS));
    wire.drive(PIN, false);
    assertEquals("press", heard.poll(2, TimeUnit.SECONDS), "it works again");
    assertTrue(button.pressed());
  }
}
