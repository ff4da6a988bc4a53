package dev.vigil.gateway.broker;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A real Mosquitto started by a test with the shipped {@code config/mosquitto/mosquitto.conf}: its
 * file paths pointed at {@code etc}, listening on {@code port} on loopback, logging everything to a
 * file the test reads, and not switching user (it could not read the test's folder).
 */
final class TestMosquitto implements AutoCloseable {
  static final Path SHIPPED = Path.of("../config/mosquitto");
  final int port;
  private final Process process;
  private final Path log;

  TestMosquitto(Path folder, Path etc, int port) throws Exception {
    this.port = port;
    this.log = folder.resolve("mosquitto.out");
    String conf =
        Files.readString(SHIPPED.resolve("mosquitto.conf"))
            .replace("/etc/mosquitto/vigil", etc.toString())
            .replace("listener 8883", "listener " + port + " 127.0.0.1")
            .replace("persistence true", "persistence false");
    conf += "\nlog_dest stderr\nlog_type all\nuser " + System.getProperty("user.name") + "\n";
    Path confFile = folder.resolve("mosquitto.conf");
    Files.writeString(confFile, conf);
    process =
        new ProcessBuilder("mosquitto", "-c", confFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    awaitListening();
  }

  long pid() {
    return process.pid();
  }

  private void awaitListening() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        return;
      } catch (java.io.IOException notYet) {
        if (!process.isAlive()) {
          fail("mosquitto exited: " + Files.readString(log));
        }
        Thread.sleep(50);
      }
    }
    fail("mosquitto did not listen on " + port);
  }

  /** Waits for a Mosquitto log line holding every fragment; fails showing the last lines. */
  void awaitLog(String... fragments) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (List.of(fragments).stream().allMatch(line::contains)) {
          return;
        }
      }
      Thread.sleep(50);
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    fail(
        "no Mosquitto log line with "
            + String.join(" + ", fragments)
            + "; last lines:\n"
            + String.join("\n", lines.subList(Math.max(0, lines.size() - 12), lines.size())));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Collects the topics of arriving messages. */
  record Collector(BlockingQueue<String> topics) implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      topics.add(topic);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {}

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
