package dev.vigil.gateway.fleet;

import dev.vigil.gateway.store.PresenceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet at a glance (pure): how many registered devices are online, how many of those have a
 * healthy GNSS receiver, and what is known of their cameras. Rates are fractions of the devices
 * online (null when none is); a device is online when it was heard from within the offline
 * threshold and no last will came after that.
 */
public final class FleetHealth {
  private FleetHealth() {}

  public static Map<String, Object> summary(
      List<PresenceStore.Row> fleet, Instant now, Duration offlineAfter) {
    int online = 0;
    int gnssHealthy = 0;
    int gnssReporting = 0;
    int cameraFaulty = 0;
    for (PresenceStore.Row row : fleet) {
      if (!isOnline(row, now, offlineAfter)) {
        continue;
      }
      online++;
      if (row.gnssOk() != null) {
        gnssReporting++;
        gnssHealthy += row.gnssOk() ? 1 : 0;
      }
      cameraFaulty += row.cameraFaults() != null && row.cameraFaults() > 0 ? 1 : 0;
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("at", now.toString());
    figures.put("devices", Map.of("registered", fleet.size(), "online", online));
    figures.put("onlineRate", rate(online, fleet.size()));
    Map<String, Object> gnss = new LinkedHashMap<>();
    gnss.put("healthy", gnssHealthy);
    gnss.put("reporting", gnssReporting);
    gnss.put("healthyRate", rate(gnssHealthy, gnssReporting));
    figures.put("gnss", gnss);
    figures.put("cameras", cameras(cameraFaulty));
    return figures;
  }

  /**
   * Devices report camera faults only (a fault key starting with {@code camera} in their health
   * report), never "cameras fine": the healthy count is unknown and said so.
   */
  private static Map<String, Object> cameras(int faulty) {
    Map<String, Object> cameras = new LinkedHashMap<>();
    cameras.put("faulty", faulty);
    cameras.put("healthy", null);
    cameras.put("healthyRate", null);
    cameras.put("known", false);
    cameras.put(
        "note", "devices report camera faults only; a device without one may have no camera");
    return cameras;
  }

  static boolean isOnline(PresenceStore.Row row, Instant now, Duration offlineAfter) {
    Instant heard = row.lastSeenAt();
    if (Boolean.TRUE.equals(row.stateOnline())
        && row.stateAt() != null
        && (heard == null || row.stateAt().isAfter(heard))) {
      heard = row.stateAt();
    }
    if (heard == null || heard.isBefore(now.minus(offlineAfter))) {
      return false;
    }
    boolean willAfter = Boolean.FALSE.equals(row.stateOnline()) && !row.stateAt().isBefore(heard);
    return !willAfter;
  }

  private static Double rate(int part, int whole) {
    return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
  }
}
