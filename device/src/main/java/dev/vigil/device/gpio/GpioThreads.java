package dev.vigil.device.gpio;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Small helpers shared by the GPIO features. */
public final class GpioThreads {
  private GpioThreads() {}

  /** A one-thread timer for one input feature; a daemon, so it never holds the JVM open. */
  public static ScheduledExecutorService timer(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread thread = new Thread(r, name);
          thread.setDaemon(true);
          thread.setPriority(Thread.MAX_PRIORITY);
          return thread;
        });
  }

  /** Milliseconds on the monotonic clock (immune to NTP steps). */
  public static long monotonicMs() {
    return System.nanoTime() / 1_000_000;
  }
}
