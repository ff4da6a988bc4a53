package dev.vigil.gateway.alerts;

import dev.vigil.gateway.mqtt.MqttConnection;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.alert.AlertJson;
import dev.vigil.protocol.alert.ControlAlert;
import java.util.concurrent.CompletableFuture;
import org.tinylog.Logger;

/**
 * Publishes each alert as JSON on {@code vigil/v1/control/alerts/{severity}/{vehicleId}}, QoS 1.
 */
public final class MqttAlertSink implements AlertSink {
  private final MqttConnection connection;

  public MqttAlertSink(MqttConnection connection) {
    this.connection = connection;
  }

  @Override
  public CompletableFuture<Void> send(ControlAlert alert) {
    String topic = Topics.controlAlert(alert.severity(), alert.vehicleId());
    return connection
        .publish(topic, AlertJson.write(alert), 1, false)
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                Logger.error(
                    "alert {} not published on {}: {}",
                    alert.alertId(),
                    topic,
                    failure.getMessage());
              }
            });
  }
}
