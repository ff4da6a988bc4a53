package dev.vigil.gateway.desk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.gateway.alerts.ControlAck;
import dev.vigil.gateway.alerts.ControlAckResult;
import dev.vigil.gateway.mqtt.MqttConnection;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.alert.AlertJson;
import dev.vigil.protocol.alert.ControlAlert;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * The desk's MQTT side: takes every control-room alert and every answer to an acknowledgement, and
 * sends the operator's requests on {@code vigil/v1/control/ack} (QoS 1). A message that does not
 * parse is logged and skipped, never shown as an alert.
 */
final class DeskLink implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MqttConnection mqtt;

  DeskLink(
      MqttConnection.Options options,
      Consumer<ControlAlert> alerts,
      Consumer<ControlAckResult> results)
      throws Exception {
    mqtt = new MqttConnection(options);
    mqtt.onMessage(
        (topic, payload, delivery) -> {
          try {
            if (topic.equals(Topics.CONTROL_ACK_RESULT)) {
              results.accept(ControlAckResult.parse(payload));
            } else {
              alerts.accept(AlertJson.read(payload));
            }
          } catch (IllegalArgumentException e) {
            Logger.warn("skipped a message on {}: {}", topic, e.getMessage());
          }
          mqtt.complete(delivery);
        });
    mqtt.subscribe(Topics.CONTROL_ALERTS_FILTER, 1);
    mqtt.subscribe(Topics.CONTROL_ACK_RESULT, 1);
  }

  void connect() throws Exception {
    mqtt.connect(30_000);
  }

  boolean connected() {
    return mqtt.isConnected();
  }

  /** Publishes the request; the future fails when the broker did not take it. */
  CompletableFuture<Void> send(ControlAck request) {
    return mqtt.publish(Topics.CONTROL_ACK, json(request), 1, false);
  }

  /** The request as {@link ControlAck#parse} reads it. */
  static byte[] json(ControlAck request) {
    ObjectNode root = JSON.createObjectNode();
    root.put("alertId", request.alertId());
    root.put("operator", request.operator());
    root.put("action", request.action().name().toLowerCase(Locale.ROOT));
    root.put("note", request.note());
    if (request.reason() != null) {
      root.put("reason", request.reason().name());
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot write a control-room request", e);
    }
  }

  @Override
  public void close() {
    mqtt.close();
  }
}
