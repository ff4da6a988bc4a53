package dev.vigil.device.gpio;

import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.tinylog.Logger;

/**
 * An input pin run through {@link Debounce}: raw edges arrive on the GPIO library's thread; a
 * pending change is confirmed by a look scheduled {@code debounceMs} after its edge, so a held
 * press is reported {@code debounceMs} after the edge (plus scheduling delay) and nothing shorter
 * is reported at all. Listeners run on the owner's timer thread.
 */
public final class DebouncedInput {
  /** A confirmed change; {@code at} is the time of the edge that started it. */
  public interface Listener {
    void onChange(boolean active, Instant at);
  }

  private final InputPin pin;
  private final Gpio.DigitalIn line;
  private final ScheduledExecutorService timer;
  private final Clock clock;
  private final LongSupplier monotonicMs;
  private Debounce state;
  private Listener listener;

  public DebouncedInput(
      InputPin pin, Gpio gpio, ScheduledExecutorService timer, Clock clock, LongSupplier nowMs) {
    this.pin = pin;
    this.line = gpio.input(pin.name(), pin.bcm(), pin.pull());
    this.timer = timer;
    this.clock = clock;
    this.monotonicMs = nowMs;
  }

  /** Reads the line as it is now and reports every later confirmed change. */
  public synchronized void start(Listener listener) {
    this.listener = listener;
    state = Debounce.start(active(line.high()), monotonicMs.getAsLong());
    line.listen(
        high -> {
          long edgeMs = monotonicMs.getAsLong();
          if (!timer.isShutdown()) {
            timer.execute(() -> look(edgeMs, active(high)));
          }
        });
  }

  /** The debounced level. */
  public synchronized boolean active() {
    return state != null && state.active();
  }

  /** Monotonic milliseconds since the debounced level's edge. */
  public synchronized long activeForMs() {
    return monotonicMs.getAsLong() - state.sinceMs();
  }

  /**
   * One sample, in the order edges arrived. A confirming look re-asserts the last raw level the
   * edges reported rather than reading the pin again: a read could see the next edge before its
   * event is processed and so swallow a whole release-and-press.
   */
  private synchronized void look(long timeMs, boolean rawActive) {
    long now = monotonicMs.getAsLong();
    Debounce next = state.sample(timeMs, rawActive, pin.debounceMs());
    Debounce before = state;
    state = next;
    OptionalLong confirmAt = next.confirmAtMs(pin.debounceMs());
    if (confirmAt.isPresent() && !timer.isShutdown()) {
      timer.schedule(
          () -> look(monotonicMs.getAsLong(), lastRaw()),
          Math.max(0, confirmAt.getAsLong() - now),
          TimeUnit.MILLISECONDS);
    }
    if (next.changedFrom(before)) {
      report(next.active(), clock.instant().minusMillis(now - next.sinceMs()));
    }
  }

  private synchronized boolean lastRaw() {
    return state.raw();
  }

  private void report(boolean active, Instant at) {
    try {
      listener.onChange(active, at);
    } catch (RuntimeException e) {
      Logger.error(e, "{} listener failed", pin.name());
    }
  }

  private boolean active(boolean high) {
    return high == pin.activeHigh();
  }
}
