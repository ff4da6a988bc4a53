package dev.vigil.protocol.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The control-room alert, version 1 of a public contract (README, "The alert"). {@code tripId} and
 * {@code position} may be null; everything else is required.
 */
public record ControlAlert(
    String alertId,
    AlertType type,
    Severity severity,
    AlertState state,
    String vehicleId,
    String deviceId,
    String tripId,
    Instant raisedAt,
    Instant receivedAt,
    boolean late,
    AlertPosition position,
    List<String> evidence,
    Map<String, Object> details) {

  public ControlAlert {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(vehicleId, "vehicleId");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(raisedAt, "raisedAt");
    Objects.requireNonNull(receivedAt, "receivedAt");
    evidence = List.copyOf(evidence);
    details = Map.copyOf(details);
  }

  /** The same alert in another state (the rest unchanged). */
  public ControlAlert withState(AlertState newState) {
    return new ControlAlert(
        alertId,
        type,
        severity,
        newState,
        vehicleId,
        deviceId,
        tripId,
        raisedAt,
        receivedAt,
        late,
        position,
        evidence,
        details);
  }
}
