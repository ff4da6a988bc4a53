package dev.vigil.device.ignition;

import dev.vigil.device.gpio.DebouncedInput;
import dev.vigil.device.gpio.Gpio;
import dev.vigil.device.gpio.GpioThreads;
import dev.vigil.device.gpio.InputPin;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import org.tinylog.Logger;

/**
 * Ignition sensed through an optocoupler on a GPIO input. The debounce is long (a second by
 * default): the ACC line sags while the engine cranks, and that is not a trip ending.
 */
public final class GpioIgnition implements Ignition {
  private final ScheduledExecutorService timer = GpioThreads.timer("ignition");
  private final DebouncedInput line;
  private final List<IgnitionListener> listeners = new CopyOnWriteArrayList<>();

  public GpioIgnition(Gpio gpio, InputPin pin, Clock clock) {
    this.line = new DebouncedInput(pin, gpio, timer, clock, GpioThreads::monotonicMs);
  }

  @Override
  public void start() {
    line.start(this::changed);
    Logger.info("ignition is {}", line.active() ? "on" : "off");
  }

  private void changed(boolean on, Instant at) {
    Logger.info("ignition {} at {}", on ? "on" : "off", at);
    for (IgnitionListener listener : listeners) {
      listener.onIgnition(on, at);
    }
  }

  @Override
  public boolean on() {
    return line.active();
  }

  @Override
  public void listen(IgnitionListener listener) {
    listeners.add(listener);
  }

  @Override
  public boolean sensed() {
    return true;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
