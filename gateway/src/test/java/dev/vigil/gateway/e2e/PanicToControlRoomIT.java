package dev.vigil.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.device.Device;
import dev.vigil.device.button.FakePanicButton;
import dev.vigil.gateway.Gateway;
import dev.vigil.gateway.operators.Role;
import dev.vigil.gateway.operators.TestOperators;
import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.alert.AlertType;
import dev.vigil.protocol.alert.ControlAlert;
import dev.vigil.protocol.alert.Severity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end: a real device agent replaying a real Munich drive, a real
 * broker, the real gateway with its real database; a press of the panic button must reach a
 * control-room subscriber as a PANIC alert with the vehicle's real position, and the HTTP API must
 * list it.
 */
class PanicToControlRoomIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final TestOperators anna = new TestOperators("anna", Role.OPERATOR);

  @TempDir Path folder;

  @Test
  @Timeout(90)
  void panicPressReachesTheControlRoomThroughTheEmbeddedBroker() throws Exception {
    TestFleet fleet = new TestFleet(folder);
    try (Gateway gateway = fleet.startGateway(fleet.gatewaySettings(Optional.empty()))) {
      pressPanicAndExpectAlert(fleet, gateway);
    }
  }

  @Test
  @Timeout(90)
  void panicPressReachesTheControlRoomThroughTheMachinesMosquitto() throws Exception {
    TestFleet fleet = new TestFleet(folder);
    String mosquitto = System.getProperty("vigil.mosquitto.url", "tcp://127.0.0.1:1883");
    try (Gateway gateway = fleet.startGateway(fleet.gatewaySettings(Optional.of(mosquitto)))) {
      pressPanicAndExpectAlert(fleet, gateway);
    }
  }

  private void pressPanicAndExpectAlert(TestFleet fleet, Gateway gateway) throws Exception {
    String deviceId = "dev-" + fleet.runId;
    String vehicleId = "VEH-" + fleet.runId;
    Map<String, String> deviceSettings = fleet.enrol(gateway, deviceId, vehicleId);
    try (ControlRoom controlRoom =
            new ControlRoom(gateway.brokerUrl(), "control-room-" + fleet.runId);
        Device device = fleet.startDevice(deviceSettings)) {
      JsonNode positions = awaitPositions(gateway, vehicleId, 3);
      assertMunich(
          positions.get(0).get("latDeg").asDouble(), positions.get(0).get("lonDeg").asDouble());

      Instant pressed = Instant.now();
      ((FakePanicButton) device.panicButton()).press();
      ControlRoom.Received received = controlRoom.next(vehicleId, 10_000);

      assertNotNull(received, "no alert reached the control room within 10 s of the press");
      ControlAlert alert = received.alert();
      assertEquals("vigil/v1/control/alerts/critical/" + vehicleId, received.topic());
      assertEquals(AlertType.PANIC, alert.type());
      assertEquals(Severity.CRITICAL, alert.severity());
      assertEquals(AlertState.OPEN, alert.state());
      assertEquals(vehicleId, alert.vehicleId());
      assertEquals(deviceId, alert.deviceId());
      assertFalse(alert.late());
      assertTrue(
          Duration.between(pressed, alert.raisedAt()).abs().toMillis() < 2_000,
          "raisedAt " + alert.raisedAt() + " is not the press time " + pressed);
      assertNotNull(alert.position(), "the alert carries the vehicle's last position");
      assertMunich(alert.position().lat(), alert.position().lon());

      JsonNode listed = get(gateway, "/api/alerts");
      assertEquals(alert.alertId(), listed.get(0).get("alertId").asText());
      assertEquals("PANIC", listed.get(0).get("type").asText());
    }
  }

  private JsonNode awaitPositions(Gateway gateway, String vehicleId, int atLeast) throws Exception {
    Instant from = Instant.now().minus(Duration.ofMinutes(5));
    Instant to = Instant.now().plus(Duration.ofMinutes(5));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode positions =
          get(gateway, "/api/vehicles/" + vehicleId + "/positions?from=" + from + "&to=" + to);
      if (positions.size() >= atLeast) {
        return positions;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("fewer than " + atLeast + " positions stored within 30 s");
  }

  private JsonNode get(Gateway gateway, String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                .header("Authorization", anna.bearer(gateway))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body());
  }

  /** The Munich drive stays inside the city: a position elsewhere was decoded wrongly. */
  private static void assertMunich(double latDeg, double lonDeg) {
    assertTrue(latDeg > 48.0 && latDeg < 48.3, "latitude " + latDeg + " is not in Munich");
    assertTrue(lonDeg > 11.3 && lonDeg < 11.8, "longitude " + lonDeg + " is not in Munich");
  }
}
