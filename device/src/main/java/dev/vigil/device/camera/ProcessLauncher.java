package dev.vigil.device.camera;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/** Starts capture processes. {@link OsProcessLauncher} is the only class that runs a process. */
public interface ProcessLauncher {
  /**
   * Starts {@code argv} with {@code TZ=UTC}; every line the process writes to stderr goes to {@code
   * stderrLines} on a reader thread.
   *
   * @throws IOException when the program cannot be started (not installed, not executable)
   */
  Running start(String name, List<String> argv, Consumer<String> stderrLines) throws IOException;

  /** A started process. */
  interface Running {
    boolean alive();

    /** Asks the process to finish its current segment and waits for it; kills it if it lingers. */
    void stop();
  }
}
