package dev.vigil.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.Device;
import dev.vigil.device.DeviceConfig;
import dev.vigil.device.button.FakePanicButton;
import dev.vigil.device.provisioning.DeviceKeys;
import dev.vigil.gateway.Gateway;
import dev.vigil.gateway.GatewayConfig;
import dev.vigil.gateway.keys.GatewayKeys;
import dev.vigil.gateway.registry.DeviceRegistry;
import dev.vigil.gateway.store.Database;
import dev.vigil.protocol.alert.AlertType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store and forward through a real outage: the vehicle drives and its panic button is pressed while
 * no broker is reachable; when the gateway (and its broker) come up, the panic and every recorded
 * position arrive, and the device's outbox empties as the gateway acknowledges them.
 */
class StoreAndForwardIT {
  @TempDir Path folder;

  @Test
  @Timeout(120)
  void whatTheVehicleRecordedOfflineArrivesWhenTheLinkReturns() throws Exception {
    TestFleet fleet = new TestFleet(folder);
    Map<String, String> gatewaySettings = fleet.gatewaySettings(Optional.empty());
    GatewayConfig config = GatewayConfig.load(Optional.empty(), gatewaySettings);
    GatewayKeys.loadOrCreate(config.dataDir().resolve("keys"));
    Database database = new Database(config.dbUrl(), config.dbUser(), config.dbPassword());
    database.migrate();
    String deviceId = "dev-" + fleet.runId;
    String vehicleId = "VEH-" + fleet.runId;
    Path deviceData = folder.resolve("device");
    Path publicKey = DeviceKeys.generate(deviceData.resolve("keys"));
    new DeviceRegistry(database)
        .register(deviceId, vehicleId, Files.readString(publicKey), Instant.now());

    Map<String, String> device = new HashMap<>();
    device.put("device.id", deviceId);
    device.put("vehicle.id", vehicleId);
    device.put("data.dir", deviceData.toString());
    device.put("mqtt.url", config.brokerUrl());
    device.put(
        "gateway.public-key", config.dataDir().resolve("keys/gateway-public.pem").toString());
    device.put("gnss.replay.file", TestFleet.MUNICH_DRIVE.toString());
    device.put("gnss.replay.speed", "50");
    device.put("position.interval-ms", "100");
    try (Device agent = Device.start(DeviceConfig.load(Optional.empty(), device))) {
      Thread.sleep(3_000); // driving with no broker: ~30 positions recorded
      ((FakePanicButton) agent.panicButton()).press();
      Thread.sleep(500);
      try (Gateway gateway = Gateway.start(config)) {
        // The vehicle reconnects within seconds, possibly before any subscriber could: the alert
        // is checked where it is kept, the gateway's store behind GET /api/alerts.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (gateway.store().recentAlerts(10).isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        var alerts = gateway.store().recentAlerts(10);
        assertEquals(1, alerts.size(), "the panic pressed offline was raised once");
        assertEquals(AlertType.PANIC, alerts.get(0).type());
        assertEquals(vehicleId, alerts.get(0).vehicleId());
        while (gateway.counters().storedCount() < 30 && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertTrue(
            gateway.counters().storedCount() >= 30,
            "positions recorded offline were stored: " + gateway.counters().storedCount());
        // The gateway's end-to-end acks let the outbox go: only the newest few stay in flight.
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (agent.outboxWaiting() >= 10 && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertTrue(agent.outboxWaiting() < 10, "outbox still holds " + agent.outboxWaiting());
      }
    }
  }
}
