package dev.vigil.gateway.webhook;

import dev.vigil.protocol.alert.AlertPosition;
import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.alert.AlertType;
import dev.vigil.protocol.alert.ControlAlert;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Alerts for the webhook tests, each with an id of its own. */
final class Alerts {
  private Alerts() {}

  static ControlAlert panic(String alertId, String vehicleId) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return new ControlAlert(
        alertId,
        AlertType.PANIC,
        AlertType.PANIC.defaultSeverity(),
        AlertState.OPEN,
        vehicleId,
        "dev-" + vehicleId,
        null,
        now.minusMillis(300),
        now,
        false,
        new AlertPosition(48.137, 11.575, 0.0, null, now.minusMillis(900)),
        List.of(),
        Map.of());
  }
}
