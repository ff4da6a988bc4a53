package dev.vigil.gateway.desk;

import dev.vigil.protocol.alert.AlertProgress;
import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.alert.AlertType;
import dev.vigil.protocol.alert.ControlAlert;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alerts for desk tests, all received at {@link #T0} plus some seconds. */
final class DeskAlerts {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  private DeskAlerts() {}

  /** An alert received {@code receivedS} after T0 and last changed {@code updatedS} after it. */
  static ControlAlert alert(
      String id,
      AlertType type,
      AlertState state,
      long receivedS,
      long updatedS,
      int level,
      String by) {
    Instant received = T0.plusSeconds(receivedS);
    return new ControlAlert(
        id,
        type,
        type.defaultSeverity(),
        state,
        "VEH-" + id,
        "dev-" + id,
        null,
        received.minusMillis(50),
        received,
        false,
        null,
        List.of(),
        Map.of(),
        new AlertProgress(
            1,
            received.minusMillis(50),
            T0.plusSeconds(updatedS),
            level,
            by,
            state == AlertState.RESOLVED ? "ben" : null,
            state == AlertState.RESOLVED ? "HANDLED" : null));
  }

  static ControlAlert open(String id, AlertType type, long receivedS) {
    return alert(id, type, AlertState.OPEN, receivedS, receivedS, 0, null);
  }
}
