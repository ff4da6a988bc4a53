package dev.vigil.device.button;

import dev.vigil.device.gpio.DebouncedInput;
import dev.vigil.device.gpio.Gpio;
import dev.vigil.device.gpio.GpioThreads;
import dev.vigil.device.gpio.InputPin;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The panic button on a GPIO input (normally open, to ground, pull-up: active low by default),
 * optionally with its normally-closed contact on a second pin to supervise the cable ({@link
 * ContactPair}). Presses come from the NO contact alone, so a broken NC wire never delays an alarm.
 * Presses and faults reach the listener on this button's own timer thread, {@code debounceMs} after
 * the edge; faults of the circuit (held closed, cable cut or shorted) are merged into one text,
 * cleared when none is left.
 */
public final class GpioPanicButton implements PanicButton {
  /**
   * A contact pair that disagrees this long is a wiring fault (*chosen*: far longer than the few
   * milliseconds both contacts are open while the button travels, short enough to show in the
   * self-test).
   */
  static final long WIRING_FAULT_AFTER_MS = 2_000;

  private final DebouncedInput line;
  private final Optional<DebouncedInput> sense;
  private final long stuckAfterMs;
  private final LongSupplier nowMs;
  private final ScheduledExecutorService timer = GpioThreads.timer("panic-button");
  private final Map<String, String> faults = new TreeMap<>();
  private PanicCircuit circuit;
  private ContactPair pair;
  private ButtonListener listener;

  public GpioPanicButton(
      Gpio gpio, InputPin pin, Optional<InputPin> sense, long stuckAfterMs, Clock clock) {
    this(gpio, pin, sense, stuckAfterMs, clock, GpioThreads::monotonicMs);
  }

  /** With {@code nowMs} as the monotonic clock the debouncers and the fault checks read. */
  public GpioPanicButton(
      Gpio gpio,
      InputPin pin,
      Optional<InputPin> sense,
      long stuckAfterMs,
      Clock clock,
      LongSupplier nowMs) {
    this.line = new DebouncedInput(pin, gpio, timer, clock, nowMs);
    this.sense = sense.map(nc -> new DebouncedInput(nc, gpio, timer, clock, nowMs));
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
              sense.ifPresent(this::startSense);
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
    sense.ifPresent(nc -> senseChanged(nc.active(), at));
  }

  private void startSense(DebouncedInput nc) {
    nc.start(this::senseChanged);
    pair = ContactPair.start(line.active(), nc.active(), nowMs.getAsLong());
    schedulePairCheck();
  }

  private void senseChanged(boolean ncPressed, Instant at) {
    applyPair(pair.changed(line.active(), ncPressed, nowMs.getAsLong()));
    schedulePairCheck();
  }

  private void schedulePairCheck() {
    if (!pair.agrees() && !pair.reported() && !timer.isShutdown()) {
      long dueInMs = pair.sinceMs() + WIRING_FAULT_AFTER_MS - nowMs.getAsLong();
      timer.schedule(
          () -> applyPair(pair.tick(nowMs.getAsLong(), WIRING_FAULT_AFTER_MS)),
          Math.max(0, dueInMs),
          TimeUnit.MILLISECONDS);
    }
  }

  private void applyPair(ContactPair.Step step) {
    pair = step.next();
    step.event()
        .ifPresent(
            event -> {
              if (event instanceof ContactPair.Fault fault) {
                fault("wiring", fault.fault());
              } else {
                clear("wiring");
              }
            });
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
                    fault("stuck", "panic button held closed for over " + stuckAfterMs + " ms");
                case UNSTUCK -> clear("stuck");
              }
            });
  }

  private void fault(String kind, String text) {
    faults.put(kind, text);
    listener.onFault(String.join("; ", faults.values()));
  }

  private void clear(String kind) {
    if (faults.remove(kind) != null) {
      if (faults.isEmpty()) {
        listener.onFaultCleared();
      } else {
        listener.onFault(String.join("; ", faults.values()));
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
