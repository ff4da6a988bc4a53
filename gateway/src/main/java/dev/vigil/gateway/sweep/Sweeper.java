package dev.vigil.gateway.sweep;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * Runs the gateway's periodic work on one thread, each task in turn, every interval. The tasks
 * themselves claim their rows through the database, so every gateway runs the same sweeper and each
 * piece of work still happens once; a gateway that dies simply stops claiming.
 */
public final class Sweeper implements AutoCloseable {
  /** One periodic task; a failure is logged and the task runs again next time. */
  public interface Task {
    void run() throws Exception;
  }

  /** A task with a name for the log. */
  public record Named(String name, Task task) {}

  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "sweeper"));
  private final List<Named> tasks;

  public Sweeper(List<Named> tasks) {
    this.tasks = List.copyOf(tasks);
  }

  public void start(long intervalMs) {
    thread.scheduleWithFixedDelay(this::runAll, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
  }

  private void runAll() {
    for (Named named : tasks) {
      try {
        named.task().run();
      } catch (Exception | Error e) {
        Logger.error(e, "{} failed; trying again next sweep", named.name());
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    thread.shutdown();
    thread.awaitTermination(10, TimeUnit.SECONDS);
  }
}
