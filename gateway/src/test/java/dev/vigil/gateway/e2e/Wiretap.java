package dev.vigil.gateway.e2e;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/** Someone with access to the broker: records sealed trip messages and plays them back later. */
final class Wiretap implements AutoCloseable {
  private final MqttClient client;
  private final String topic;
  private final BlockingQueue<byte[]> seen = new LinkedBlockingQueue<>();

  Wiretap(String brokerUrl, String topic) throws Exception {
    this.topic = topic;
    client = new MqttClient(brokerUrl, "wiretap-" + System.nanoTime(), new MemoryPersistence());
    client.connect();
    // The array form: Paho 1.2.5's single-topic subscribe-with-listener recurses forever.
    client.subscribe(
        new MqttSubscription[] {new MqttSubscription(topic, 1)},
        new IMqttMessageListener[] {(t, message) -> seen.add(message.getPayload())});
  }

  byte[] next() throws InterruptedException {
    return seen.poll(5, TimeUnit.SECONDS);
  }

  void replay(byte[] payload) throws Exception {
    client.publish(topic, payload, 1, false);
  }

  void clearRetained() throws Exception {
    client.publish(topic, new byte[0], 1, true);
  }

  @Override
  public void close() throws Exception {
    client.disconnect();
    client.close();
  }
}
