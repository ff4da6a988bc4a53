package dev.vigil.gateway.e2e;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * A subscriber with a persistent session that reconnects by itself: it sees every message on its
 * filter in the order the broker forwarded them, with the time each arrived, across a broker
 * restart. Tests use it as a wiretap on a device's uplink and as a control-room desk.
 */
final class Tap implements AutoCloseable {
  record Message(String topic, byte[] payload, long atNanos) {}

  private final MqttClient client;
  final List<Message> received = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  Tap(String brokerUrl, String clientId, String filter) throws Exception {
    client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(300L);
    // Paho's automatic reconnect is slow to notice a restarted broker: retry every 200 ms instead.
    options.setAutomaticReconnect(false);
    client.setCallback(
        new org.eclipse.paho.mqttv5.client.MqttCallback() {
          @Override
          public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {
            Thread retry = new Thread(() -> reconnect(options), "tap-reconnect");
            retry.setDaemon(true);
            retry.start();
          }

          @Override
          public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {}

          @Override
          public void messageArrived(
              String topic, org.eclipse.paho.mqttv5.common.MqttMessage message) {
            received.add(new Message(topic, message.getPayload(), System.nanoTime()));
          }

          @Override
          public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {}

          @Override
          public void connectComplete(boolean reconnect, String serverUri) {}

          @Override
          public void authPacketArrived(
              int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {}
        });
    client.connect(options);
    client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)});
  }

  private void reconnect(MqttConnectionOptions options) {
    while (!closed && !client.isConnected()) {
      try {
        Thread.sleep(200);
        client.connect(options);
      } catch (Exception e) {
        // still down: try again
      }
    }
  }

  @Override
  public void close() throws Exception {
    closed = true;
    client.disconnectForcibly(1_000);
    client.close();
  }
}
