package dev.vigil.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.Device;
import dev.vigil.device.gpio.Gpio;
import dev.vigil.gateway.Gateway;
import dev.vigil.gateway.store.Database;
import dev.vigil.protocol.alert.AlertType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tinylog.Logger;

/**
 * The box's GPIO through the real agent wiring ({@code Device}) into a real gateway: pins are
 * Pi4J's mock plugin, driven as wires would be. The ignition reaches the stored Health report, a
 * press on the panic pin reaches a control-room subscriber as a PANIC alert and lights the LED, and
 * a drop of the power-good line stops the agent by itself.
 */
class GpioToControlRoomIT {
  private static final int BUTTON = 17;
  private static final int IGNITION = 27;
  private static final int POWER_GOOD = 6;
  private static final int LED = 24;

  @TempDir Path folder;

  @Test
  @Timeout(90)
  void wiredInputsReachTheGatewayAndAPowerLossStopsTheAgent() throws Exception {
    TestFleet fleet = new TestFleet(folder);
    try (Gateway gateway = fleet.startGateway(fleet.gatewaySettings(Optional.empty()))) {
      driveTheWires(fleet, gateway);
    }
  }

  @Test
  @Timeout(90)
  void theSameThroughTheMachinesMosquitto() throws Exception {
    TestFleet fleet = new TestFleet(folder);
    String mosquitto = System.getProperty("vigil.mosquitto.url", "tcp://127.0.0.1:1883");
    try (Gateway gateway = fleet.startGateway(fleet.gatewaySettings(Optional.of(mosquitto)))) {
      driveTheWires(fleet, gateway);
    }
  }

  private void driveTheWires(TestFleet fleet, Gateway gateway) throws Exception {
    String deviceId = "gpio-" + fleet.runId;
    String vehicleId = "VEH-" + fleet.runId;
    Map<String, String> settings = fleet.enrol(gateway, deviceId, vehicleId);
    settings.putAll(
        Map.of(
            "gpio.provider", "mock",
            "button.source", "gpio",
            "ignition.source", "gpio",
            "power.source", "gpio",
            "indicators.source", "gpio",
            "health.interval-s", "1"));
    try (ControlRoom controlRoom =
            new ControlRoom(gateway.brokerUrl(), "control-room-" + fleet.runId);
        Device device = fleet.startDevice(settings)) {
      Gpio.MockPins wires = device.mockPins().orElseThrow();
      wires.drive(POWER_GOOD, true);
      List<Boolean> led = new CopyOnWriteArrayList<>();
      wires.watchOutput(LED, led::add);

      wires.drive(IGNITION, false);
      assertTrue(ignitionOnStored(folder, deviceId, 20_000), "no Health with ignition_on");
      assertTrue(device.ignition().on());

      long edge = System.nanoTime();
      wires.drive(BUTTON, false);
      ControlRoom.Received received = controlRoom.next(10_000);
      wires.drive(BUTTON, true);
      assertNotNull(received, "no alert within 10 s of the press on GPIO " + BUTTON);
      Logger.info("GPIO edge -> control room: {} ms", (received.atNanos() - edge) / 1e6);
      assertEquals(AlertType.PANIC, received.alert().type());
      assertEquals(deviceId, received.alert().deviceId());
      assertFalse(received.alert().late());
      // The LED follows the alarm's own path (seal, publish, disk write), so it may light just
      // after
      // the alert already reached the control room.
      long ledDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (!led.contains(true) && System.nanoTime() < ledDeadline) {
        Thread.sleep(10);
      }
      assertTrue(led.contains(true), "the LED confirms the alarm");

      wires.drive(POWER_GOOD, false);
      CompletableFuture.runAsync(
              () -> {
                try {
                  device.awaitStopped();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              })
          .get(10, TimeUnit.SECONDS);
      assertTrue(device.stoppedForPowerLoss(), "the agent says why it stopped");
    }
  }

  private static boolean ignitionOnStored(Path folder, String deviceId, long timeoutMs)
      throws Exception {
    Database db =
        new Database(
            "jdbc:h2:file:" + folder.resolve("gateway").resolve("db").resolve("vigil"), "", "");
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    try (Connection connection = db.connect();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT COUNT(*) FROM health_reports WHERE device_id = ? AND ignition_on")) {
      query.setString(1, deviceId);
      while (System.nanoTime() < deadline) {
        try (ResultSet rows = query.executeQuery()) {
          rows.next();
          if (rows.getLong(1) > 0) {
            return true;
          }
        }
        Thread.sleep(200);
      }
    }
    return false;
  }
}
