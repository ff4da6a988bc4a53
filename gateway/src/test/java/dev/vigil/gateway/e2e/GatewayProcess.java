package dev.vigil.gateway.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A gateway in a JVM of its own, started from the built jar ({@code target/vigil-gateway.jar}, as
 * {@code scripts/vigil-gateway run} does), so that killing it is a real SIGKILL of a real process.
 */
final class GatewayProcess implements AutoCloseable {
  private static final Path JAR = Path.of("target/vigil-gateway.jar");

  private final Map<String, String> settings;
  private final Path log;
  private final int httpPort;
  private Process process;

  GatewayProcess(Map<String, String> settings, Path log) {
    this.settings = Map.copyOf(settings);
    this.log = log;
    this.httpPort = Integer.parseInt(settings.get("http.port"));
  }

  /** Starts the process and waits until its HTTP API answers. */
  GatewayProcess start() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-jar");
    command.add(JAR.toString());
    command.add("run");
    settings.forEach((key, value) -> command.add(key + "=" + value));
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    awaitHealthy(60_000);
    return this;
  }

  /** SIGKILL: no shutdown hook, no goodbye to the broker, nothing flushed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  int httpPort() {
    return httpPort;
  }

  private void awaitHealthy(long timeoutMs) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI health = URI.create("http://127.0.0.1:" + httpPort + "/api/health");
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "gateway exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<String> response =
            http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("gateway not healthy within " + timeoutMs + " ms; see " + log);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
