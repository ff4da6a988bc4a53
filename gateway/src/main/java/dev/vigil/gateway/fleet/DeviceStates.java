package dev.vigil.gateway.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.gateway.registry.DeviceRegistry;
import dev.vigil.gateway.store.PresenceStore;
import dev.vigil.protocol.Topics;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.tinylog.Logger;

/**
 * Reads the devices' birth and last-will messages ({@code vigil/v1/d/{id}/state}, retained, JSON
 * {@code {"status":"online"|"offline"}}) into {@code device_presence}. They are not sealed (the
 * broker writes the will), so they only colour the fleet view; DEVICE_OFFLINE comes from the
 * heartbeat. Anything else on the topic is logged, counted and dropped.
 */
public final class DeviceStates {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DeviceRegistry registry;
  private final PresenceStore presence;
  private final Clock clock;
  private final LongAdder dropped = new LongAdder();

  public DeviceStates(DeviceRegistry registry, PresenceStore presence, Clock clock) {
    this.registry = registry;
    this.presence = presence;
    this.clock = clock;
  }

  public long droppedCount() {
    return dropped.sum();
  }

  /**
   * @throws SQLException when the database failed: the message must not be acknowledged
   */
  public void onMessage(String topic, byte[] payload) throws SQLException {
    String[] levels = topic.split("/", -1);
    if (levels.length != 5
        || !topic.startsWith(Topics.PREFIX + "/d/")
        || !"state".equals(levels[4])
        || !Topics.isValidId(levels[3])) {
      drop(topic, "not a state topic");
      return;
    }
    Optional<DeviceRegistry.Device> device = registry.find(levels[3]);
    if (device.isEmpty()) {
      drop(topic, "device is not registered");
      return;
    }
    Optional<Boolean> online = status(payload);
    if (online.isEmpty()) {
      drop(topic, "status is not online or offline");
      return;
    }
    presence.recordState(levels[3], device.get().vehicleId(), online.get(), clock.instant());
  }

  private static Optional<Boolean> status(byte[] payload) {
    try {
      JsonNode status = JSON.readTree(payload).path("status");
      return switch (status.asText("")) {
        case "online" -> Optional.of(true);
        case "offline" -> Optional.of(false);
        default -> Optional.empty();
      };
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private void drop(String topic, String why) {
    dropped.increment();
    Logger.warn("dropped state message on {}: {}", topic, why);
  }
}
