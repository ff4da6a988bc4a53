package dev.vigil.gateway.mqtt;

import dev.vigil.protocol.tls.NoDelayTlsSockets;
import java.util.ArrayList;
import java.util.List;
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
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.tinylog.Logger;

/**
 * The gateway's MQTT client: the only gateway class that imports Paho.
 *
 * <p>Incoming messages are acknowledged manually: the handler receives a {@link Delivery} and the
 * PUBACK goes out only when the owner calls {@link #complete} after its database commit. With a
 * session expiry above zero the session is persistent (clean start off), so the broker keeps what
 * arrives while the gateway is down and redelivers what was never acknowledged.
 */
public final class MqttConnection implements AutoCloseable {
  /** Receives a message on Paho's callback thread; may block briefly to push back on the broker. */
  public interface Handler {
    void onMessage(String topic, byte[] payload, Delivery delivery);
  }

  /** What {@link #complete} needs to acknowledge one message. */
  public record Delivery(int messageId, int qos) {}

  /**
   * Connection settings; {@code receiveMaximum} bounds unacknowledged messages in flight to us.
   * With an {@code ssl://} URL, {@code tls} carries the gateway's client certificate and the CA it
   * trusts.
   */
  public record Options(
      String url,
      String clientId,
      long sessionExpiryS,
      int receiveMaximum,
      Optional<SSLContext> tls) {
    public Options(String url, String clientId, long sessionExpiryS, int receiveMaximum) {
      this(url, clientId, sessionExpiryS, receiveMaximum, Optional.empty());
    }
  }

  private static final long RECONNECT_DELAY_MS = 1_000;

  private final Options options;
  private final MqttAsyncClient client;
  private final List<MqttSubscription> subscriptions = new ArrayList<>();
  private volatile Handler handler = (topic, payload, delivery) -> {};
  private volatile MqttConnectionOptions connectOptions;
  private volatile boolean closing;

  public MqttConnection(Options options) throws MqttException {
    this.options = options;
    this.client = new MqttAsyncClient(options.url(), options.clientId(), new MemoryPersistence());
    client.setManualAcks(true);
    client.setCallback(new Callback());
  }

  public void onMessage(Handler handler) {
    this.handler = handler;
  }

  /** Subscriptions made before {@link #connect} are (re)made on every connection. */
  public void subscribe(String filter, int qos) {
    subscriptions.add(new MqttSubscription(filter, qos));
  }

  public void connect(long timeoutMs) throws MqttException {
    MqttConnectionOptions connect = new MqttConnectionOptions();
    connect.setCleanStart(options.sessionExpiryS() == 0);
    connect.setSessionExpiryInterval(options.sessionExpiryS());
    // Paho's own reconnect backs off to its maximum and, measured against a restarted Mosquitto,
    // left connections away for 15-60 s: reconnectLater retries every second instead.
    connect.setAutomaticReconnect(false);
    connect.setReceiveMaximum(options.receiveMaximum());
    connect.setKeepAliveInterval(30);
    connect.setSocketFactory(
        options
            .tls()
            .<javax.net.SocketFactory>map(NoDelayTlsSockets::new)
            .orElseGet(NoDelaySockets::new));
    connectOptions = connect;
    client.connect(connect).waitForCompletion(timeoutMs);
  }

  /** Tries to connect again in a second, and again after each failure, until closed. */
  private void reconnectLater() {
    Thread retry =
        new Thread(
            () -> {
              try {
                Thread.sleep(RECONNECT_DELAY_MS);
                if (!closing && !client.isConnected()) {
                  client.connect(connectOptions, null, new Reconnect());
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (MqttException e) {
                Logger.debug("MQTT reconnect {}: {}", options.clientId(), e.getMessage());
                reconnectLater();
              }
            },
            "mqtt-reconnect-" + options.clientId());
    retry.setDaemon(true);
    retry.start();
  }

  private final class Reconnect implements MqttActionListener {
    @Override
    public void onSuccess(IMqttToken token) {}

    @Override
    public void onFailure(IMqttToken token, Throwable failure) {
      reconnectLater();
    }
  }

  public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    MqttMessage message = new MqttMessage(payload, qos, retained, new MqttProperties());
    try {
      client.publish(topic, message, null, new Completion(done));
    } catch (MqttException e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  /** Acknowledges a message to the broker; call only once its content is safely stored. */
  public void complete(Delivery delivery) {
    if (delivery.qos() == 0) {
      return;
    }
    try {
      client.messageArrivedComplete(delivery.messageId(), delivery.qos());
    } catch (MqttException e) {
      // Not acknowledged: the broker redelivers on the next connection, and the store ignores the
      // copy it already has.
      Logger.warn("could not acknowledge message {}: {}", delivery.messageId(), e.getMessage());
    }
  }

  public boolean isConnected() {
    return client.isConnected();
  }

  @Override
  public void close() {
    closing = true;
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
      client.close(true);
    } catch (MqttException e) {
      Logger.warn("MQTT close: {}", e.getMessage());
    }
  }

  private void subscribeAll() {
    if (subscriptions.isEmpty()) {
      return;
    }
    try {
      client.subscribe(subscriptions.toArray(new MqttSubscription[0]));
    } catch (MqttException e) {
      Logger.error("subscribe failed on {}: {}", options.url(), e.getMessage());
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      Logger.info(
          "MQTT {} {} as {}",
          reconnect ? "reconnected to" : "connected to",
          serverUri,
          options.clientId());
      subscribeAll();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      handler.onMessage(
          topic, message.getPayload(), new Delivery(message.getId(), message.getQos()));
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      Logger.warn("MQTT disconnected from {}: {}", options.url(), response.getReasonString());
      if (!closing) {
        reconnectLater();
      }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      Logger.warn("MQTT error: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }

  private record Completion(CompletableFuture<Void> done) implements MqttActionListener {
    @Override
    public void onSuccess(IMqttToken token) {
      done.complete(null);
    }

    @Override
    public void onFailure(IMqttToken token, Throwable failure) {
      done.completeExceptionally(failure);
    }
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
