package dev.vigil.gateway.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.store.PresenceStore.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class FleetHealthTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final Duration AFTER = Duration.ofSeconds(120);

  private static Row row(
      String id,
      Instant seen,
      Boolean online,
      Instant stateAt,
      Boolean gnss,
      Integer cameraFaults) {
    return new Row(id, "V-" + id, seen, online, stateAt, seen, true, gnss, cameraFaults, null);
  }

  @Test
  void aDeviceHeardFromRecentlyIsOnlineUnlessItsLastWillCameLater() {
    assertTrue(
        FleetHealth.isOnline(row("a", NOW.minusSeconds(10), null, null, true, null), NOW, AFTER));
    assertFalse(
        FleetHealth.isOnline(row("b", NOW.minusSeconds(121), null, null, true, null), NOW, AFTER));
    assertFalse(
        FleetHealth.isOnline(
            row("c", NOW.minusSeconds(10), false, NOW.minusSeconds(5), true, null), NOW, AFTER));
    assertTrue(
        FleetHealth.isOnline(
            row("d", NOW.minusSeconds(1), false, NOW.minusSeconds(5), true, null), NOW, AFTER),
        "spoke after its will: back");
    assertTrue(
        FleetHealth.isOnline(row("e", null, true, NOW.minusSeconds(3), null, null), NOW, AFTER),
        "a birth message with no uplink yet");
    assertFalse(FleetHealth.isOnline(row("f", null, null, null, null, null), NOW, AFTER));
  }

  @Test
  @SuppressWarnings("unchecked")
  void countsAndRatesAreOverTheDevicesOnlineAndCamerasAreHonestlyUnknown() {
    List<Row> fleet =
        List.of(
            row("a", NOW.minusSeconds(1), true, NOW.minusSeconds(60), true, null),
            row("b", NOW.minusSeconds(2), true, NOW.minusSeconds(60), false, 1),
            row("c", NOW.minusSeconds(3), null, null, null, null),
            row("d", NOW.minusSeconds(500), null, null, true, null));
    Map<String, Object> summary = FleetHealth.summary(fleet, NOW, AFTER);
    assertEquals(Map.of("registered", 4, "online", 3), summary.get("devices"));
    assertEquals(0.75, summary.get("onlineRate"));
    Map<String, Object> gnss = (Map<String, Object>) summary.get("gnss");
    assertEquals(1, gnss.get("healthy"));
    assertEquals(2, gnss.get("reporting"));
    assertEquals(0.5, gnss.get("healthyRate"));
    Map<String, Object> cameras = (Map<String, Object>) summary.get("cameras");
    assertEquals(1, cameras.get("faulty"));
    assertNull(cameras.get("healthy"));
    assertEquals(false, cameras.get("known"));
  }

  @Test
  void anEmptyFleetHasNoRates() {
    assertNull(FleetHealth.summary(List.of(), NOW, AFTER).get("onlineRate"));
  }
}
