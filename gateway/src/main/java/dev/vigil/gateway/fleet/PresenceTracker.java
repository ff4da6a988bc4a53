package dev.vigil.gateway.fleet;

import dev.vigil.gateway.ingest.Presence;
import dev.vigil.gateway.store.PresenceStore;
import dev.vigil.gateway.store.Uplink;
import dev.vigil.protocol.pb.Health;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Notes when each device was last heard from, and its last health report, in memory on the ingest
 * lanes; {@link #flush} writes what changed to the database (the sweeper calls it every second), so
 * that ingest pays one map update per message and every gateway's view meets in one table. A
 * gateway killed before a flush loses at most that second of "last seen", which the device's next
 * message (through another gateway) restores.
 */
public final class PresenceTracker implements Presence {
  private final ConcurrentMap<String, PresenceStore.Seen> pending = new ConcurrentHashMap<>();

  @Override
  public void seen(Uplink uplink) {
    Uplink.Origin o = uplink.origin();
    PresenceStore.HealthSeen health =
        uplink instanceof Uplink.HealthReport report ? health(report.health()) : null;
    pending.merge(
        o.deviceId(),
        new PresenceStore.Seen(o.deviceId(), o.vehicleId(), o.receivedAt(), health),
        PresenceTracker::later);
  }

  /** Writes what was seen since the last flush; on failure it is kept for the next one. */
  public void flush(PresenceStore store) throws SQLException {
    List<PresenceStore.Seen> batch = new ArrayList<>();
    for (String deviceId : pending.keySet()) {
      PresenceStore.Seen seen = pending.remove(deviceId);
      if (seen != null) {
        batch.add(seen);
      }
    }
    try {
      store.recordSeen(batch);
    } catch (SQLException | RuntimeException e) {
      batch.forEach(seen -> pending.merge(seen.deviceId(), seen, PresenceTracker::later));
      throw e;
    }
  }

  private static PresenceStore.HealthSeen health(Health health) {
    Integer cameraFaults = null;
    long faults =
        health.getFaultsMap().keySet().stream().filter(k -> k.startsWith("camera")).count();
    if (faults > 0) {
      cameraFaults = (int) faults;
    }
    return new PresenceStore.HealthSeen(
        Instant.ofEpochMilli(health.getAtMs()),
        health.getIgnitionOn(),
        health.getGnssOk(),
        cameraFaults);
  }

  private static PresenceStore.Seen later(PresenceStore.Seen a, PresenceStore.Seen b) {
    Instant lastSeen = a.lastSeenAt().isAfter(b.lastSeenAt()) ? a.lastSeenAt() : b.lastSeenAt();
    PresenceStore.HealthSeen health = a.health();
    if (health == null || (b.health() != null && b.health().at().isAfter(health.at()))) {
      health = b.health() == null ? health : b.health();
    }
    return new PresenceStore.Seen(a.deviceId(), a.vehicleId(), lastSeen, health);
  }
}
