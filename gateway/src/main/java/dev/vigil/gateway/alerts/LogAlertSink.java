package dev.vigil.gateway.alerts;

import dev.vigil.protocol.alert.AlertJson;
import dev.vigil.protocol.alert.ControlAlert;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.tinylog.Logger;

/** Writes each alert to the gateway log, one line of JSON: the fallback every gateway has. */
public final class LogAlertSink implements AlertSink {
  @Override
  public CompletableFuture<Void> send(ControlAlert alert) {
    Logger.warn(
        "ALERT {} {} vehicle {}: {}",
        alert.severity(),
        alert.type(),
        alert.vehicleId(),
        new String(AlertJson.write(alert), StandardCharsets.UTF_8));
    return CompletableFuture.completedFuture(null);
  }
}
