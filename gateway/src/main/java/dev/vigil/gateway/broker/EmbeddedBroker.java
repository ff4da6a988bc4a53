package dev.vigil.gateway.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.tinylog.Logger;

/**
 * HiveMQ Community Edition inside the gateway process: the zero-set-up broker of a single gateway
 * and of the demo. Only this package imports HiveMQ (this class, and {@link BrokerAccess} which
 * runs inside the broker).
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
  /**
   * Where the broker listens and keeps its state; with {@code tls} the listener is TLS only and
   * admits clients by fleet certificate ({@link BrokerAccess}).
   */
  public record Settings(
      String bindAddress, int port, Path folder, boolean persistent, Optional<Tls> tls) {
    public Settings(String bindAddress, int port, Path folder, boolean persistent) {
      this(bindAddress, port, folder, persistent, Optional.empty());
    }
  }

  /**
   * The listener's key store (server key and certificate, PKCS#12), its trust store (the fleet CA),
   * and who may connect: the registry's answer for each device certificate.
   */
  public record Tls(
      Path keyStore,
      Path trustStore,
      String storePassword,
      Admissions admissions,
      BrokerCounters counters) {}

  /** The registry's answer for a device certificate, asked at every connection. */
  public interface Admissions extends BrokerAccess.Admissions {}

  private final EmbeddedHiveMQ hivemq;
  private final Settings settings;
  private final Optional<BrokerAccess> access;

  public EmbeddedBroker(Settings settings) throws IOException {
    this.settings = settings;
    this.access = settings.tls().map(tls -> new BrokerAccess(tls.admissions(), tls.counters()));
    Path config = settings.folder().resolve("conf");
    Path data = settings.folder().resolve("data");
    Path extensions = settings.folder().resolve("extensions");
    Files.createDirectories(config);
    Files.createDirectories(data);
    Files.createDirectories(extensions);
    if (settings.tls().isPresent()) {
      // Holds the key store's password: readable by the gateway's user only.
      dev.vigil.gateway.keys.GatewayKeys.writePrivate(
          config.resolve("config.xml"), configXml(settings));
    } else {
      Files.writeString(config.resolve("config.xml"), configXml(settings), StandardCharsets.UTF_8);
    }
    var builder =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(config)
            .withDataFolder(data)
            .withExtensionsFolder(extensions)
            .withoutLoggingBootstrap();
    access.ifPresent(
        extension ->
            builder.withEmbeddedExtension(
                EmbeddedExtension.builder()
                    .withId("vigil-access")
                    .withName("Vigil fleet access control")
                    .withVersion("1")
                    .withPriority(1000)
                    .withExtensionMain(extension)
                    .build()));
    this.hivemq = builder.build();
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

  /** Where the gateway's own clients connect: loopback when the listener binds every address. */
  public String url() {
    String bind = settings.bindAddress();
    String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    return (settings.tls().isPresent() ? "ssl://" : "tcp://") + host + ":" + settings.port();
  }

  /** Disconnects a client now (a device that was just revoked); no-op without access control. */
  public void disconnect(String clientId) {
    access.ifPresent(a -> a.disconnect(clientId));
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
            %s
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
        .formatted(listener(settings), settings.persistent() ? "file" : "in-memory");
  }

  /**
   * A plain listener, or a TLS 1.2/1.3 one asking for a client certificate. The certificate is
   * "optional" at the TLS layer so that a client without one reaches {@link BrokerAccess}, which
   * refuses it with a reason, a log line and a count. The JDK's TLS drops a client certificate that
   * does not chain to the fleet CA (the one trusted store) and goes on as if none had been sent, so
   * a foreign certificate is refused there the same way (tested in MutualTlsIT).
   */
  private static String listener(Settings settings) {
    if (settings.tls().isEmpty()) {
      return """
          <tcp-listener>
                <port>%d</port>
                <bind-address>%s</bind-address>
              </tcp-listener>"""
          .formatted(settings.port(), settings.bindAddress());
    }
    Tls tls = settings.tls().get();
    return """
        <tls-tcp-listener>
              <port>%d</port>
              <bind-address>%s</bind-address>
              <tls>
                <protocols><protocol>TLSv1.3</protocol><protocol>TLSv1.2</protocol></protocols>
                <keystore>
                  <path>%s</path>
                  <password>%s</password>
                  <private-key-password>%s</private-key-password>
                </keystore>
                <truststore>
                  <path>%s</path>
                  <password>%s</password>
                </truststore>
                <client-authentication-mode>OPTIONAL</client-authentication-mode>
              </tls>
            </tls-tcp-listener>"""
        .formatted(
            settings.port(),
            settings.bindAddress(),
            tls.keyStore(),
            tls.storePassword(),
            tls.storePassword(),
            tls.trustStore(),
            tls.storePassword());
  }
}
