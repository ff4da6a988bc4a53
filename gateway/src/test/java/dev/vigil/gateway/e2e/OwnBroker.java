package dev.vigil.gateway.e2e;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto of the test's own on a free port, that the test can stop and start again on the same
 * port (a broker outage). It keeps sessions and queued messages on disk across the restart, as a
 * production broker would, so persistent subscribers miss nothing that arrived while they were
 * reconnecting.
 */
final class OwnBroker implements AutoCloseable {
  private final Path folder;
  private final int port;
  private Process process;

  OwnBroker(Path folder) throws IOException {
    this.folder = folder;
    this.port = TestFleet.freePort();
    Path data = Files.createDirectories(folder.resolve("mosquitto-data"));
    Files.writeString(
        folder.resolve("mosquitto.conf"),
        "listener %d 127.0.0.1\nallow_anonymous true\npersistence true\npersistence_location %s/\n"
                .formatted(port, data)
            + "log_dest stdout\n"
            // Started as root, Mosquitto would switch to its own user, which cannot write into the
            // test's private folder: stay the user that started it.
            + "user "
            + System.getProperty("user.name")
            + "\n");
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  void start() throws Exception {
    process =
        new ProcessBuilder("mosquitto", "-c", folder.resolve("mosquitto.conf").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("broker.log").toFile()))
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!listening() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    if (!listening()) {
      throw new IllegalStateException("mosquitto did not start on port " + port);
    }
  }

  /** An orderly stop (SIGTERM): the broker saves its sessions and is gone. */
  void stop() throws InterruptedException {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  private boolean listening() {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
