package dev.vigil.device.button;

import dev.vigil.device.gpio.DebouncedInput;
import dev.vigil.device.gpio.Gpio;
import dev.vigil.device.gpio.GpioThreads;
import dev.vigil.device.gpio.InputPin;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The panic button on a GPIO input (normally open, to ground, pull-up: active low by default).
 * Presses reach the listener on this button's own timer thread, {@code debounceMs} after the edge.
 */
public final class GpioPanicButton implements PanicButton {
  private final DebouncedInput line;
  private final long stuckAfterMs;
  private final LongSupplier nowMs;
  private final ScheduledExecutorService timer = GpioThreads.timer("panic-button");
  private PanicCircuit circuit;
  private ButtonListener listener;

  public GpioPanicButton(Gpio gpio, InputPin pin, long stuckAfterMs, Clock clock) {
    this(gpio, pin, stuckAfterMs, clock, GpioThreads::monotonicMs);
  }

  /** With {@code nowMs} as the monotonic clock the debouncer and the stuck check read. */
  public GpioPanicButton(
      Gpio gpio, InputPin pin, long stuckAfterMs, Clock clock, LongSupplier nowMs) {
    this.line = new DebouncedInput(pin, gpio, timer, clock, nowMs);
    this.stuckAfterMs = stuckAfterMs;
    this.nowMs = nowMs;
  }

  /** Returns once the line is watched: a press from then on is heard. */
  @Override
  public void start(ButtonListener listener) {
    Future<?> started =
        timer.submit(
            () -> {
              this.listener = listener;
              line.start(this::changed);
              circuit = PanicCircuit.start(line.active(), nowMs.getAsLong());
              scheduleStuckCheck();
            });
    try {
      started.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the panic button", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("panic button: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Whether the button is held now (debounced). */
  public boolean pressed() {
    return line.active();
  }

  private void changed(boolean pressed, Instant at) {
    long edgeMs = nowMs.getAsLong() - line.activeForMs();
    apply(circuit.changed(pressed, edgeMs), at);
    scheduleStuckCheck();
  }

  private void scheduleStuckCheck() {
    if (circuit.pressed() && !timer.isShutdown()) {
      long dueInMs = circuit.sinceMs() + stuckAfterMs - nowMs.getAsLong();
      timer.schedule(this::checkStuck, Math.max(0, dueInMs), TimeUnit.MILLISECONDS);
    }
  }

  private void checkStuck() {
    apply(circuit.tick(nowMs.getAsLong(), stuckAfterMs), null);
  }

  private void apply(PanicCircuit.Step step, Instant at) {
    circuit = step.next();
    step.event()
        .ifPresent(
            event -> {
              switch (event) {
                case PRESS -> listener.onPress(at);
                case STUCK ->
                    listener.onFault("panic button held closed for over " + stuckAfterMs + " ms");
                case UNSTUCK -> listener.onFaultCleared();
              }
            });
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
