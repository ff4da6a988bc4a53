package dev.vigil.device.indicator;

import dev.vigil.device.gpio.Gpio;
import dev.vigil.device.gpio.GpioThreads;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import org.tinylog.Logger;

/** Plays one output's side of a cue on its own thread; a new pattern cuts the old one short. */
final class PatternPlayer implements AutoCloseable {
  private final Gpio.DigitalOut output;
  private final ScheduledExecutorService thread;
  private Future<?> playing;

  PatternPlayer(String name, Gpio.DigitalOut output) {
    this.output = output;
    this.thread = GpioThreads.timer(name);
  }

  synchronized void play(Pattern pattern) {
    if (playing != null) {
      playing.cancel(true);
    }
    playing = thread.submit(() -> run(pattern));
  }

  private void run(Pattern pattern) {
    try {
      for (int r = 0; r < pattern.repeats(); r++) {
        for (int i = 0; i < pattern.stepsMs().size(); i++) {
          output.set(i % 2 == 0);
          Thread.sleep(pattern.stepsMs().get(i));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      Logger.error("output failed: {}", e.getMessage());
    } finally {
      output.set(false);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    output.set(false);
  }
}
