package dev.vigil.device.button;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.gpio.Gpio;
import dev.vigil.device.gpio.InputPin;
import dev.vigil.device.gpio.Pi4jGpio;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tinylog.Logger;

/**
 * Edge to listener: how long after the line falls does the agent hear the press? Drives the edge
 * through Pi4J's mock plugin (the same state-change event gpiod fires) into the real debouncer and
 * button, and prints the distribution. The target is 30 ms (issue 3); with the default 10 ms
 * debounce the floor is 10 ms by design. Only the median is asserted, against the target, so a busy
 * shared machine cannot fail it by a stray slow sample; the printed p99/max are the figure.
 *
 * <p>Reference, measured in the same run between the presses: a bare 10 ms timer on a JDK scheduled
 * executor. Its tail is the machine's scheduling delay; the press path's tail beyond it is the
 * agent's own cost.
 */
class PanicEdgeLatencyIT {
  private static final int PIN = 17;
  private static final int PRESSES = 200;

  @Test
  @Timeout(60)
  void aPressReachesTheListenerWithin30MsOfItsEdge() throws Exception {
    BlockingQueue<Long> heardNanos = new LinkedBlockingQueue<>();
    long[] latencyMicros = new long[PRESSES];
    long[] referenceMicros = new long[PRESSES];
    ScheduledExecutorService reference = Executors.newSingleThreadScheduledExecutor();
    try (Pi4jGpio gpio = Pi4jGpio.open(Pi4jGpio.Provider.MOCK, Path.of("/dev"));
        GpioPanicButton button =
            new GpioPanicButton(
                gpio,
                new InputPin("button", PIN, false, Gpio.Pull.UP, 10),
                Optional.empty(),
                30_000,
                Clock.systemUTC())) {
      Gpio.MockPins wire = gpio.mock().orElseThrow();
      button.start((Instant at) -> heardNanos.add(System.nanoTime()));
      for (int i = 0; i < PRESSES; i++) {
        long edge = System.nanoTime();
        wire.drive(PIN, false);
        Long heard = heardNanos.poll(2, TimeUnit.SECONDS);
        assertNotNull(heard, "press " + i + " never heard");
        latencyMicros[i] = (heard - edge) / 1_000;
        wire.drive(PIN, true);
        long start = System.nanoTime();
        long fired = reference.schedule(System::nanoTime, 10, TimeUnit.MILLISECONDS).get();
        referenceMicros[i] = (fired - start) / 1_000;
        Thread.sleep(15);
      }
    } finally {
      reference.shutdownNow();
    }
    Arrays.sort(latencyMicros);
    Arrays.sort(referenceMicros);
    double p50 = latencyMicros[PRESSES / 2] / 1e3;
    String figures =
        String.format(
            "panic edge -> listener over %d presses (debounce 10 ms): min %.2f ms, p50 %.2f ms,"
                + " p99 %.2f ms, max %.2f ms",
            PRESSES,
            latencyMicros[0] / 1e3,
            p50,
            latencyMicros[PRESSES * 99 / 100] / 1e3,
            latencyMicros[PRESSES - 1] / 1e3);
    figures +=
        String.format(
            "; reference, bare 10 ms JDK timer in the same run: p50 %.2f ms, p99 %.2f ms, max %.2f"
                + " ms",
            referenceMicros[PRESSES / 2] / 1e3,
            referenceMicros[PRESSES * 99 / 100] / 1e3,
            referenceMicros[PRESSES - 1] / 1e3);
    Logger.info(figures);
    // stdout is how Failsafe keeps the figure in its report.
    System.out.println(figures);
    // The debouncer counts whole milliseconds, so a 10 ms hold can measure as just over 9.
    assertTrue(latencyMicros[0] >= 9_000, "a press must hold for the debounce time: " + figures);
    assertTrue(p50 < 30, figures);
  }
}
