package dev.vigil.device.power;

import dev.vigil.device.gpio.DebouncedInput;
import dev.vigil.device.gpio.Gpio;
import dev.vigil.device.gpio.GpioThreads;
import dev.vigil.device.gpio.InputPin;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import org.tinylog.Logger;

/**
 * The "power good" line of a UPS HAT or supercapacitor board: active while the vehicle supplies the
 * box. When it drops (debounced, so a cranking dip is not a power cut) the box is running on its
 * reserve, and {@code onLoss} is called once, on this monitor's thread, to save and stop.
 */
public final class PowerMonitor implements AutoCloseable {
  private final ScheduledExecutorService timer = GpioThreads.timer("power-good");
  private final DebouncedInput line;
  private volatile boolean lost;

  public PowerMonitor(Gpio gpio, InputPin pin, Clock clock) {
    this.line = new DebouncedInput(pin, gpio, timer, clock, GpioThreads::monotonicMs);
  }

  /**
   * Watches the line. Only a drop seen while running counts: a box that boots with the line low (a
   * miswired line, or a restart on the reserve) is logged, not stopped, or it would stop again at
   * every restart.
   */
  public void start(Runnable onLoss) {
    line.start((good, at) -> changed(good, at, onLoss));
    if (!line.active()) {
      Logger.error("power-good is low at start: check the UPS/supercap wiring");
    }
  }

  /** Whether the supply is good now (debounced). */
  public boolean good() {
    return line.active();
  }

  private void changed(boolean good, Instant at, Runnable onLoss) {
    if (!good) {
      lose(onLoss, at);
    }
  }

  private void lose(Runnable onLoss, Instant at) {
    if (!lost) {
      lost = true;
      Logger.error("supply power lost at {}: saving and stopping", at);
      onLoss.run();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
