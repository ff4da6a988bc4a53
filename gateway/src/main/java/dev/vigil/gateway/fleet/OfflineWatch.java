package dev.vigil.gateway.fleet;

import dev.vigil.gateway.alerts.AlertService;
import dev.vigil.gateway.alerts.Resolution;
import dev.vigil.gateway.alerts.Step;
import dev.vigil.gateway.store.PresenceStore;
import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.alert.AlertType;
import dev.vigil.protocol.alert.ControlAlert;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Raises DEVICE_OFFLINE when a vehicle whose last health report said the ignition was on has not
 * been heard from for longer than the threshold (with the ignition off, silence is a parked car
 * saving its battery), and resolves it as BACK_ONLINE when the device speaks again. The alert id
 * comes from the device and the moment it was last heard, so a sweep repeated after a crash raises
 * the same alert, never a second one.
 */
public final class OfflineWatch implements PresenceStore.OfflineHandler {
  private final AlertService alerts;
  private final Duration offlineAfter;

  public OfflineWatch(AlertService alerts, Duration offlineAfter) {
    this.alerts = alerts;
    this.offlineAfter = offlineAfter;
  }

  @Override
  public String wentSilent(PresenceStore.Row row, Instant now) throws SQLException {
    ControlAlert candidate = offline(row, now);
    Optional<Step.Changed> change = alerts.raiseOwn(candidate);
    return change.map(c -> c.alert().alertId()).orElse(candidate.alertId());
  }

  @Override
  public void cameBack(PresenceStore.Row row, String alertId, Instant now) throws SQLException {
    alerts.resolve(
        alertId, "gateway", Resolution.BACK_ONLINE, "heard from again at " + row.lastSeenAt());
  }

  ControlAlert offline(PresenceStore.Row row, Instant now) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("lastSeenAt", row.lastSeenAt().toString());
    details.put("silentForS", Duration.between(row.lastSeenAt(), now).toSeconds());
    details.put("offlineAfterS", offlineAfter.toSeconds());
    details.put(
        "lastState",
        row.stateOnline() == null
            ? "unknown"
            : row.stateOnline() ? "online" : "offline (last will or goodbye)");
    String name = row.deviceId() + "\noffline\n" + row.lastSeenAt().toEpochMilli();
    return new ControlAlert(
        UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString(),
        AlertType.DEVICE_OFFLINE,
        AlertType.DEVICE_OFFLINE.defaultSeverity(),
        AlertState.OPEN,
        row.vehicleId(),
        row.deviceId(),
        null,
        now,
        now,
        false,
        null,
        List.of(),
        details);
  }
}
