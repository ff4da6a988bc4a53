package dev.vigil.gateway.alerts;

import dev.vigil.gateway.mqtt.MqttConnection;
import dev.vigil.protocol.Topics;
import org.tinylog.Logger;

/** Publishes each {@link ControlAckResult} on {@code vigil/v1/control/ack-result}, QoS 1. */
public final class MqttAckResults implements ControlDesk.Results {
  private final MqttConnection connection;

  public MqttAckResults(MqttConnection connection) {
    this.connection = connection;
  }

  @Override
  public void send(ControlAckResult result) {
    connection
        .publish(Topics.CONTROL_ACK_RESULT, result.toJson(), 1, false)
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                Logger.warn(
                    "result of {} of alert {} not published: {}",
                    result.action(),
                    result.alertId(),
                    failure.getMessage());
              }
            });
  }
}
