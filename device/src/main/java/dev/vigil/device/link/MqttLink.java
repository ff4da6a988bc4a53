package dev.vigil.device.link;

import dev.vigil.protocol.tls.NoDelayTlsSockets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.tinylog.Logger;

/**
 * The device's MQTT connection: the only device class that imports Paho. It reconnects by itself
 * with backoff (1 s doubling to 60 s). It carries whatever it is given and stores nothing, not even
 * while disconnected: durability belongs to the outbox, not to the link.
 *
 * <p>The in-flight window is the broker's receive maximum (MQTT 5): HiveMQ's default is 10, which
 * the gateway's embedded broker raises to 1,000; size an external broker likewise.
 */
public final class MqttLink implements AutoCloseable {
  /**
   * Where and as whom to connect. With an {@code ssl://} URL, {@code tls} presents the box's
   * certificate and trusts only the fleet CA (the broker's host name is checked against its
   * certificate).
   */
  public record Settings(String url, String clientId, String stateTopic, Optional<SSLContext> tls) {
    public Settings(String url, String clientId, String stateTopic) {
      this(url, clientId, stateTopic, Optional.empty());
    }
  }

  private final Settings settings;
  private final MqttAsyncClient client;
  private final java.util.Map<String, java.util.function.Consumer<byte[]>> subscriptions =
      new java.util.concurrent.ConcurrentHashMap<>();
  private volatile int brokerWindow = 65_535;
  private volatile MqttConnectionOptions connectOptions;
  private volatile boolean closing;

  public MqttLink(Settings settings) throws MqttException {
    this.settings = settings;
    // No disconnected buffer: while offline, records wait in the durable outbox, not in memory.
    this.client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
    client.setCallback(new Callback());
  }

  /**
   * Starts connecting and returns at once: a vehicle may start in a tunnel. The last will marks the
   * device offline on {@code state} if the connection drops without a goodbye.
   */
  public void start() throws MqttException {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    // Paho's own reconnect, measured against a restarted Mosquitto, left the link down for 15-60 s
    // after the broker was back: retryLater tries every second instead, from the first connect on.
    options.setAutomaticReconnect(false);
    options.setKeepAliveInterval(30);
    options.setSocketFactory(
        settings
            .tls()
            .<javax.net.SocketFactory>map(NoDelayTlsSockets::new)
            .orElseGet(NoDelaySockets::new));
    options.setConnectionTimeout(10);
    options.setWill(settings.stateTopic(), new MqttMessage(state("offline"), 1, true, null));
    connectOptions = options;
    connect(options, true);
  }

  /** One connect attempt; a failed one is retried a second later (only the first is logged). */
  private void connect(MqttConnectionOptions options, boolean first) throws MqttException {
    client.connect(
        options,
        null,
        new MqttActionListener() {
          @Override
          public void onSuccess(IMqttToken token) {}

          @Override
          public void onFailure(IMqttToken token, Throwable failure) {
            if (first) {
              Logger.warn(
                  "MQTT connect to {} failed: {}; retrying", settings.url(), failure.getMessage());
            }
            retryLater(options);
          }
        });
  }

  private void retryLater(MqttConnectionOptions options) {
    Thread retry =
        new Thread(
            () -> {
              try {
                Thread.sleep(1_000);
                if (closing || client.isConnected()) {
                  return;
                }
                connect(options, false);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (MqttException e) {
                Logger.debug("MQTT connect: {}", e.getMessage());
                retryLater(options);
              }
            },
            "mqtt-connect-retry");
    retry.setDaemon(true);
    retry.start();
  }

  /** Publishes; the future completes when the broker acknowledged (QoS 1) or the send failed. */
  public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      client.publish(
          topic,
          new MqttMessage(payload, qos, retained, null),
          null,
          new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              done.complete(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
              done.completeExceptionally(failure);
            }
          });
    } catch (MqttException e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  public boolean isConnected() {
    return client.isConnected();
  }

  /**
   * How many QoS 1 messages the broker lets this client have in flight (MQTT 5 receive maximum).
   */
  public int brokerWindow() {
    return brokerWindow;
  }

  /** Subscribes (again on every connection) and hands each message's payload to {@code handler}. */
  public void subscribe(String topic, java.util.function.Consumer<byte[]> handler) {
    subscriptions.put(topic, handler);
  }

  private void noteWindow(IMqttToken token) {
    if (token.getResponseProperties() != null
        && token.getResponseProperties().getReceiveMaximum() != null) {
      brokerWindow = token.getResponseProperties().getReceiveMaximum();
    }
  }

  private void subscribeAll() {
    for (String topic : subscriptions.keySet()) {
      try {
        client.subscribe(topic, 1);
      } catch (MqttException e) {
        Logger.warn("subscribe to {} failed: {}", topic, e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    closing = true;
    try {
      if (client.isConnected()) {
        client
            .publish(settings.stateTopic(), new MqttMessage(state("offline"), 1, true, null))
            .waitForCompletion(2_000);
        client.disconnect().waitForCompletion(5_000);
      }
      client.close(true);
    } catch (MqttException e) {
      Logger.warn("MQTT close: {}", e.getMessage());
    }
  }

  private static byte[] state(String status) {
    return ("{\"status\":\"" + status + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private final class Callback implements MqttCallback {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      Logger.info("MQTT {} {}", reconnect ? "reconnected to" : "connected to", serverUri);
      subscribeAll();
      publish(settings.stateTopic(), state("online"), 1, true);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      Logger.warn("MQTT link lost: {}", response.getReasonString());
      if (!closing) {
        retryLater(connectOptions);
      }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      Logger.warn("MQTT error: {}", exception.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      java.util.function.Consumer<byte[]> handler = subscriptions.get(topic);
      if (handler != null) {
        handler.accept(message.getPayload());
      }
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }

  /**
   * Plain TCP sockets with Nagle's algorithm off. Paho's default sockets leave it on, and a small
   * PUBACK then waits for the peer's delayed ACK (up to 40 ms on Linux) before it is sent: every
   * acknowledgement, and so every alarm, would pay that wait.
   */
  private static final class NoDelaySockets extends javax.net.SocketFactory {
    @Override
    public java.net.Socket createSocket() throws java.io.IOException {
      java.net.Socket socket = new java.net.Socket();
      socket.setTcpNoDelay(true);
      return socket;
    }

    @Override
    public java.net.Socket createSocket(String host, int port) throws java.io.IOException {
      java.net.Socket socket = createSocket();
      socket.connect(new java.net.InetSocketAddress(host, port));
      return socket;
    }

    @Override
    public java.net.Socket createSocket(
        String host, int port, java.net.InetAddress local, int localPort)
        throws java.io.IOException {
      java.net.Socket socket = createSocket();
      socket.bind(new java.net.InetSocketAddress(local, localPort));
      socket.connect(new java.net.InetSocketAddress(host, port));
      return socket;
    }

    @Override
    public java.net.Socket createSocket(java.net.InetAddress host, int port)
        throws java.io.IOException {
      java.net.Socket socket = createSocket();
      socket.connect(new java.net.InetSocketAddress(host, port));
      return socket;
    }

    @Override
    public java.net.Socket createSocket(
        java.net.InetAddress host, int port, java.net.InetAddress local, int localPort)
        throws java.io.IOException {
      java.net.Socket socket = createSocket();
      socket.bind(new java.net.InetSocketAddress(local, localPort));
      socket.connect(new java.net.InetSocketAddress(host, port));
      return socket;
    }
  }
}
