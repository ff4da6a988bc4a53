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
import java.util.Optional;
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
    button =
        new GpioPanicButton(gpio, pin, Optional.empty(), stuckAfterMs, Clock.systemUTC(), clockMs);
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

  @Test
  void aCutCableOnTheTwoContactButtonIsAFaultAndNoAlarm() throws Exception {
    InputPin no = new InputPin("button", PIN, false, Gpio.Pull.UP, 10);
    InputPin nc = new InputPin("button-sense", 22, true, Gpio.Pull.UP, 10);
    button = new GpioPanicButton(gpio, no, Optional.of(nc), 30_000, Clock.systemUTC());
    wire.drive(22, false); // the NC contact is closed at rest
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

    wire.drive(PIN, false);
    wire.drive(22, true);
    assertEquals("press", heard.poll(2, TimeUnit.SECONDS), "a real press moves both contacts");
    wire.drive(PIN, true);
    wire.drive(22, false);
    assertNull(heard.poll(2_500, TimeUnit.MILLISECONDS), "and is no fault");

    wire.drive(22, true); // the cable is cut: both lines float up to their pull-ups
    String fault = heard.poll(5, TimeUnit.SECONDS);
    assertNotNull(fault);
    assertTrue(fault.contains("cable cut"), fault);
    wire.drive(22, false);
    assertEquals("cleared", heard.poll(2, TimeUnit.SECONDS));
  }
}
