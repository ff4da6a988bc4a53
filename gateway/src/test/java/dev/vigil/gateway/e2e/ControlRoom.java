package dev.vigil.gateway.e2e;

import dev.vigil.protocol.Topics;
import dev.vigil.protocol.alert.AlertJson;
import dev.vigil.protocol.alert.ControlAlert;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/** A control-room desk as a test sees it: a plain MQTT subscriber to the alert topics. */
final class ControlRoom implements AutoCloseable {
  record Received(String topic, ControlAlert alert, long atNanos) {}

  private final MqttClient client;
  private final BlockingQueue<Received> alerts = new LinkedBlockingQueue<>();
  private final java.util.concurrent.ConcurrentMap<String, BlockingQueue<Received>> vehicles =
      new java.util.concurrent.ConcurrentHashMap<>();

  ControlRoom(String brokerUrl, String clientId) throws Exception {
    client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    client.connect(options);
    client.subscribe(
        new MqttSubscription[] {new MqttSubscription(Topics.CONTROL_ALERTS_FILTER, 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
          (topic, message) -> {
            Received received =
                new Received(topic, AlertJson.read(message.getPayload()), System.nanoTime());
            alerts.add(received);
            byVehicle(received.alert().vehicleId()).add(received);
          }
        });
  }

  /** The next alert, or null after the timeout. */
  Received next(long timeoutMs) throws InterruptedException {
    return alerts.poll(timeoutMs, TimeUnit.MILLISECONDS);
  }

  /** The next alert about {@code vehicleId}, or null after the timeout. */
  Received next(String vehicleId, long timeoutMs) throws InterruptedException {
    return byVehicle(vehicleId).poll(timeoutMs, TimeUnit.MILLISECONDS);
  }

  private BlockingQueue<Received> byVehicle(String vehicleId) {
    return vehicles.computeIfAbsent(vehicleId, v -> new LinkedBlockingQueue<>());
  }

  @Override
  public void close() throws Exception {
    client.disconnect();
    client.close();
  }
}
