package dev.vigil.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.device.Device;
import dev.vigil.device.button.FakePanicButton;
import dev.vigil.device.warning.PcmClip;
import dev.vigil.device.warning.VoicePrompts;
import dev.vigil.device.warning.WarningKind;
import dev.vigil.gateway.Gateway;
import dev.vigil.gateway.operators.Role;
import dev.vigil.gateway.operators.TestOperators;
import dev.vigil.protocol.DownKind;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.alert.AlertType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Trips end to end, all parts real (embedded broker, H2, HTTP, the device agent): a trip posted to
 * the API reaches the device sealed, is saved, survives a restart of the agent, travels with a
 * panic alarm to the control room, and is cleared when ended; an old trip message played back to
 * the device afterwards changes nothing.
 */
class TripsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final TestOperators dispatcher = new TestOperators("dispatch", Role.OPERATOR);

  @TempDir Path folder;

  @Test
  @Timeout(120)
  void aTripReachesTheDeviceSurvivesARestartTravelsWithAPanicAndEnds() throws Exception {
    TestFleet fleet = new TestFleet(folder);
    try (Gateway gateway = fleet.startGateway(fleet.gatewaySettings(Optional.empty()))) {
      String deviceId = "dev-" + fleet.runId;
      String vehicleId = "VEH-" + fleet.runId;
      Map<String, String> settings = fleet.enrol(gateway, deviceId, vehicleId);
      Path voice = folder.resolve("voice.wav");
      settings.put("warnings.voice.enabled", "true");
      settings.put("warnings.voice.output", "wav-file");
      settings.put("warnings.voice.wav-file", voice.toString());
      try (Wiretap tap = new Wiretap(gateway.brokerUrl(), Topics.down(deviceId, DownKind.TRIP));
          ControlRoom controlRoom =
              new ControlRoom(gateway.brokerUrl(), "control-room-" + fleet.runId)) {
        String tripId;
        try (Device device = fleet.startDevice(settings)) {
          HttpResponse<String> created = post(gateway, "/api/trips", trip(vehicleId));
          assertEquals(201, created.statusCode(), created.body());
          JsonNode body = JSON.readTree(created.body());
          tripId = body.get("tripId").asText();
          assertEquals("RUNNING", body.get("state").asText());
          assertEquals(deviceId, body.get("pushedTo").get(0).asText());

          await(() -> device.currentTrip().tripId().equals(Optional.of(tripId)), "trip on device");
          assertEquals(3, device.currentTrip().get().orElseThrow().getRouteCount());
          assertTrue(Files.exists(Path.of(settings.get("data.dir"), "trip", "current.pb")));
          await(() -> Files.exists(voice), "trip announced");
          assertArrayEquals(prompt(WarningKind.TRIP_STARTED), spoken(voice));
        }
        byte[] creationMessage = tap.next();
        assertNotNull(creationMessage, "the sealed trip was on the broker");

        try (Device restarted = fleet.startDevice(settings)) {
          assertEquals(Optional.of(tripId), restarted.currentTrip().tripId(), "kept on restart");
          awaitConnected(gateway, vehicleId);

          ((FakePanicButton) restarted.panicButton()).press();
          ControlRoom.Received alert = controlRoom.next(10_000);
          assertNotNull(alert, "no alert within 10 s of the press");
          assertEquals(AlertType.PANIC, alert.alert().type());
          assertEquals(tripId, alert.alert().tripId());

          HttpResponse<String> ended = post(gateway, "/api/trips/" + tripId + "/end", "");
          assertEquals(200, ended.statusCode(), ended.body());
          assertEquals("ENDED", JSON.readTree(ended.body()).get("state").asText());
          await(() -> restarted.currentTrip().get().isEmpty(), "trip cleared on device");
          // The panic is silent in the cab; the end of the trip is announced.
          byte[] endPrompt = prompt(WarningKind.TRIP_ENDED);
          await(() -> spokenLength(voice) >= endPrompt.length, "end announced");
          assertArrayEquals(endPrompt, spoken(voice));
          assertEquals(
              "ENDED", JSON.readTree(get(gateway, "/api/trips/" + tripId)).get("state").asText());

          tap.replay(creationMessage);
          Thread.sleep(1_000);
          assertEquals(
              Optional.empty(), restarted.currentTrip().get(), "a replayed trip is refused");
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "mosquitto"})
  @Timeout(60)
  void aBoxThatWasOffWhenTheTripWasBookedGetsItWhenItComesOnline(String broker) throws Exception {
    TestFleet fleet = new TestFleet(folder);
    Optional<String> url =
        broker.equals("embedded")
            ? Optional.empty()
            : Optional.of(System.getProperty("vigil.mosquitto.url", "tcp://127.0.0.1:1883"));
    try (Gateway gateway = fleet.startGateway(fleet.gatewaySettings(url))) {
      String deviceId = "dev-" + fleet.runId;
      String vehicleId = "VEH-" + fleet.runId;
      Map<String, String> settings = fleet.enrol(gateway, deviceId, vehicleId);
      HttpResponse<String> created = post(gateway, "/api/trips", trip(vehicleId));
      assertEquals(201, created.statusCode(), created.body());
      String tripId = JSON.readTree(created.body()).get("tripId").asText();
      assertFalse(Files.exists(Path.of(settings.get("data.dir"), "trip", "current.pb")));
      try (Device device = fleet.startDevice(settings)) {
        await(() -> device.currentTrip().tripId().equals(Optional.of(tripId)), "retained trip");
      } finally {
        // The machine's broker is shared: take this run's retained message off it.
        try (Wiretap tap = new Wiretap(gateway.brokerUrl(), Topics.down(deviceId, DownKind.TRIP))) {
          tap.clearRetained();
        }
      }
    }
  }

  @Test
  @Timeout(60)
  void badTripRequestsAreRefusedNamingTheField() throws Exception {
    TestFleet fleet = new TestFleet(folder);
    try (Gateway gateway = fleet.startGateway(fleet.gatewaySettings(Optional.empty()))) {
      String vehicleId = "VEH-" + fleet.runId;
      fleet.enrol(gateway, "dev-" + fleet.runId, vehicleId);

      HttpResponse<String> bad =
          post(gateway, "/api/trips", trip(vehicleId).replace("48.1402", "148.1"));
      assertEquals(400, bad.statusCode(), bad.body());
      assertEquals("route[1][0]", JSON.readTree(bad.body()).get("field").asText());
      HttpResponse<String> unknown = post(gateway, "/api/trips", trip("VEH-nobody"));
      assertEquals(400, unknown.statusCode(), unknown.body());
      assertEquals("vehicleId", JSON.readTree(unknown.body()).get("field").asText());

      HttpResponse<String> created = post(gateway, "/api/trips", trip(vehicleId));
      assertEquals(201, created.statusCode());
      String tripId = JSON.readTree(created.body()).get("tripId").asText();
      HttpResponse<String> pushed = post(gateway, "/api/trips/" + tripId + "/push", "");
      assertEquals(200, pushed.statusCode(), pushed.body());
      assertEquals(
          "dev-" + fleet.runId, JSON.readTree(pushed.body()).get("pushedTo").get(0).asText());
      HttpResponse<String> busy = post(gateway, "/api/trips", trip(vehicleId));
      assertEquals(409, busy.statusCode(), busy.body());
      assertEquals(404, send(gateway, "GET", "/api/trips/no-such-trip", "").statusCode());
      assertEquals(404, post(gateway, "/api/trips/no-such-trip/end", "").statusCode());
      assertEquals(404, post(gateway, "/api/trips/no-such-trip/push", "").statusCode());
    }
  }

  private static String trip(String vehicleId) {
    return """
        {"vehicleId": "%s",
         "route": [[48.13743, 11.57549], [48.14020, 11.58010], [48.35380, 11.78610]],
         "corridorM": 150,
         "stops": [{"name": "Pick-up", "lat": 48.13743, "lon": 11.57549, "radiusM": 50}],
         "destination": {"name": "Airport T2", "lat": 48.3538, "lon": 11.7861, "radiusM": 300},
         "eta": "2026-11-23T15:30:00Z",
         "passengerOnBoard": true, "cargoOnBoard": false, "recordingRequired": true}
        """
        .formatted(vehicleId);
  }

  /** Waits until the restarted agent is online again: its positions are being stored. */
  private void awaitConnected(Gateway gateway, String vehicleId) throws Exception {
    int before = storedPositions(gateway, vehicleId);
    await(() -> storedPositions(gateway, vehicleId) > before, "restarted device online");
  }

  private static int storedPositions(Gateway gateway, String vehicleId) {
    try {
      return gateway
          .store()
          .positions(vehicleId, Instant.EPOCH, Instant.now().plusSeconds(86_400), 10_000)
          .size();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] prompt(WarningKind kind) throws Exception {
    try (var in =
        TripsIT.class.getResourceAsStream(VoicePrompts.resource(VoicePrompts.Language.EN, kind))) {
      return PcmClip.fromWav(in.readAllBytes()).pcm();
    }
  }

  private static int spokenLength(Path wav) {
    try {
      return spoken(wav).length;
    } catch (Exception e) {
      return -1; // not written yet
    }
  }

  private static byte[] spoken(Path wav) throws Exception {
    return PcmClip.fromWav(Files.readAllBytes(wav)).pcm();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not within 15 s");
      }
      Thread.sleep(50);
    }
  }

  private HttpResponse<String> post(Gateway gateway, String path, String body) throws Exception {
    return send(gateway, "POST", path, body);
  }

  private String get(Gateway gateway, String path) throws Exception {
    HttpResponse<String> response = send(gateway, "GET", path, "");
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }

  private HttpResponse<String> send(Gateway gateway, String method, String path, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
            .header("Content-Type", "application/json")
            .header("Authorization", dispatcher.bearer(gateway))
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
