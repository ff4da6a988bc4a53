package dev.vigil.gateway.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.tinylog.Logger;

/**
 * HiveMQ Community Edition inside the gateway process: the zero-set-up broker of a single gateway
 * and of the demo. The only class that imports HiveMQ.
 *
 * <p>Settings that differ from HiveMQ's defaults, and why:
 *
 * <ul>
 *   <li>Queued messages per client raised from 1,000 to 1,000,000: a gateway restart during a
 *       fleet-wide reconnect must not make the broker discard what it holds for the gateway.
 *   <li>Server receive maximum raised from 10 to 1,000: a device draining its backlog, and the
 *       gateway's own alert publishing, keep more than ten QoS 1 messages in flight.
 *   <li>Anonymous usage statistics off: the broker must not phone home from a vehicle fleet.
 *   <li>HiveMQ does not set up logging: the gateway logs through tinylog.
 * </ul>
 */
public final class EmbeddedBroker implements AutoCloseable {
  /** Where the broker listens and keeps its state. */
  public record Settings(String bindAddress, int port, Path folder, boolean persistent) {}

  private final EmbeddedHiveMQ hivemq;
  private final Settings settings;

  public EmbeddedBroker(Settings settings) throws IOException {
    this.settings = settings;
    Path config = settings.folder().resolve("conf");
    Path data = settings.folder().resolve("data");
    Path extensions = settings.folder().resolve("extensions");
    Files.createDirectories(config);
    Files.createDirectories(data);
    Files.createDirectories(extensions);
    Files.writeString(config.resolve("config.xml"), configXml(settings), StandardCharsets.UTF_8);
    this.hivemq =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(config)
            .withDataFolder(data)
            .withExtensionsFolder(extensions)
            .withoutLoggingBootstrap()
            .build();
  }

  public void start(long timeoutMs) throws InterruptedException, TimeoutException {
    try {
      hivemq.start().get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "embedded MQTT broker did not start on "
              + settings.bindAddress()
              + ":"
              + settings.port()
              + ": "
              + e.getCause().getMessage(),
          e.getCause());
    }
    Logger.info("embedded MQTT broker listening on {}:{}", settings.bindAddress(), settings.port());
  }

  public String url() {
    return "tcp://" + settings.bindAddress() + ":" + settings.port();
  }

  @Override
  public void close() {
    try {
      hivemq.stop().get(30, TimeUnit.SECONDS);
      hivemq.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      Logger.warn("embedded MQTT broker did not stop cleanly: {}", e.getMessage());
    }
  }

  static String configXml(Settings settings) {
    return """
        <?xml version="1.0"?>
        <!-- Written by the Vigil gateway at every start; edit the gateway's settings instead. -->
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>%s</bind-address>
            </tcp-listener>
          </listeners>
          <mqtt>
            <queued-messages>
              <max-queue-size>1000000</max-queue-size>
              <strategy>discard-oldest</strategy>
            </queued-messages>
            <receive-maximum>
              <server-receive-maximum>1000</server-receive-maximum>
            </receive-maximum>
          </mqtt>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
          <persistence>
            <mode>%s</mode>
          </persistence>
        </hivemq>
        """
        .formatted(
            settings.port(), settings.bindAddress(), settings.persistent() ? "file" : "in-memory");
  }
}
