package dev.vigil.device.camera;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * Real processes through {@link ProcessBuilder}. Stop sends SIGTERM (ffmpeg then closes its open
 * segment cleanly), waits up to three seconds, then kills the process and its children (the
 * rpicam-vid pipeline has two).
 */
public final class OsProcessLauncher implements ProcessLauncher {
  private static final long STOP_WAIT_MS = 3_000;

  @Override
  public Running start(String name, List<String> argv, Consumer<String> stderrLines)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(argv);
    builder.environment().put("TZ", "UTC");
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    Process process = builder.start();
    process.getOutputStream().close();
    Thread reader = new Thread(() -> pump(process, stderrLines), "capture-" + name);
    reader.setDaemon(true);
    reader.start();
    return new OsRunning(process);
  }

  private static void pump(Process process, Consumer<String> lines) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.accept(line);
      }
    } catch (IOException e) {
      Logger.debug("capture stderr closed: {}", e.getMessage());
    }
  }

  private record OsRunning(Process process) implements Running {
    @Override
    public boolean alive() {
      return process.isAlive();
    }

    @Override
    public void stop() {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      try {
        if (!process.waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
