package dev.vigil.gateway.alerts;

import dev.vigil.protocol.alert.ControlAlert;
import java.util.concurrent.CompletableFuture;

/**
 * Somewhere a control room hears about alerts. Chosen in configuration; must not block long.
 *
 * <p>The future completes once the sink holds the alert for good (for MQTT, the broker's PUBACK);
 * only then is the change marked published, so a gateway killed in between leaves it for another
 * gateway to send again: at least once, never lost.
 */
public interface AlertSink {
  CompletableFuture<Void> send(ControlAlert alert);
}
