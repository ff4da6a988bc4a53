package dev.vigil.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.device.Device;
import dev.vigil.device.button.FakePanicButton;
import dev.vigil.gateway.Gateway;
import dev.vigil.gateway.operators.Role;
import dev.vigil.gateway.operators.TestOperators;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.alert.AlertType;
import dev.vigil.protocol.alert.ControlAlert;
import dev.vigil.protocol.pb.AlarmAck;
import dev.vigil.protocol.pb.AlarmType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control room's side of an alert, end to end on the machine's Mosquitto, a real gateway with
 * its HTTP API on a free port, and real or wire-level devices: acknowledging over MQTT reaches the
 * driver, resolving over HTTP, escalation by deadline, merging of repeats, and DEVICE_OFFLINE.
 */
class ControlRoomAlertsIT {
  private static final String MOSQUITTO =
      System.getProperty("vigil.mosquitto.url", "tcp://127.0.0.1:1883");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final TestOperators ben = new TestOperators("ben", Role.OPERATOR);

  @TempDir Path folder;

  private Gateway start(TestFleet fleet, Map<String, String> extra) throws Exception {
    Map<String, String> settings = fleet.gatewaySettings(Optional.of(MOSQUITTO));
    settings.put("alerts.sweep-interval-ms", "100");
    settings.putAll(extra);
    return fleet.startGateway(settings);
  }

  @Test
  @Timeout(90)
  void aPanicAcknowledgedOverMqttReachesTheDriverAndIsResolvedOverHttp() throws Exception {
    TestFleet fleet = new TestFleet(folder);
    try (Gateway gateway = start(fleet, Map.of());
        ControlRoom desk = new ControlRoom(MOSQUITTO, "desk-" + fleet.runId);
        Operator operator = new Operator(client("operator-" + fleet.runId))) {
      String vehicleId = "VEH-" + fleet.runId;
      Map<String, String> deviceSettings = fleet.enrol(gateway, "dev-" + fleet.runId, vehicleId);
      BlockingQueue<AlarmAck> heard = new LinkedBlockingQueue<>();
      String id;
      try (Device device = fleet.startDevice(deviceSettings)) {
        device.onAlarmAck(heard::add);
        Thread.sleep(1_000); // the device's subscription to down/alarm-ack is made on connecting
        ((FakePanicButton) device.panicButton()).press();
        ControlAlert open = expect(desk, vehicleId, AlertState.OPEN);
        id = open.alertId();

        send(operator.client(), "{\"alertId\":\"" + open.alertId() + "\",\"operator\":\"anna\"");
        send(
            operator.client(),
            "{\"alertId\":\""
                + open.alertId()
                + "\",\"operator\":\"anna\","
                + "\"action\":\"ack\",\"note\":\"calling the driver\"}");
        ControlAlert taken = expect(desk, vehicleId, AlertState.ACKNOWLEDGED);
        assertEquals("anna", taken.progress().acknowledgedBy());
        AlarmAck ack = heard.poll(10, TimeUnit.SECONDS);
        assertNotNull(ack, "the device heard that help is coming");
        assertEquals(open.alertId(), ack.getAlertId());
        assertEquals(AlarmType.PANIC, ack.getType());
      }
      JsonNode metrics = get(gateway, "/api/metrics", 200);
      assertEquals(1, metrics.get("alerts").get("acks").get("MALFORMED").asInt());
      assertEquals(1, metrics.get("alerts").get("acks").get("APPLIED").asInt());

      assertEquals(id, latestAlertId(gateway, vehicleId), "the API lists it");
      assertEquals(409, post(gateway, id, "ack", "{\"operator\":\"ben\"}").statusCode());
      assertEquals(400, post(gateway, id, "resolve", "{\"operator\":\"ben\"}").statusCode());
      assertEquals(404, post(gateway, "nope", "ack", "{\"operator\":\"ben\"}").statusCode());
      HttpResponse<String> resolved =
          post(
              gateway,
              id,
              "resolve",
              "{\"operator\":\"ben\",\"reason\":\"HANDLED\",\"note\":\"police on site\"}");
      assertEquals(200, resolved.statusCode(), resolved.body());
      assertEquals("RESOLVED", JSON.readTree(resolved.body()).get("state").asText());
      assertEquals("HANDLED", expect(desk, vehicleId, AlertState.RESOLVED).progress().resolution());
      JsonNode events = get(gateway, "/api/alerts/" + id + "/events", 200);
      assertEquals("RAISED ACKNOWLEDGED RESOLVED", actions(events));
      assertEquals("police on site", events.get(2).get("note").asText());
      assertEquals("ben", events.get(2).get("who").asText());
    }
  }

  @Test
  @Timeout(90)
  void repeatsMergeAndAnUnacknowledgedPanicEscalatesTwiceOnItsDeadlines() throws Exception {
    TestFleet fleet = new TestFleet(folder);
    try (Gateway gateway = start(fleet, Map.of("alerts.escalate.critical-s", "2,4"));
        ControlRoom desk = new ControlRoom(MOSQUITTO, "desk-" + fleet.runId);
        SimDevice device = sim(fleet, gateway, "a")) {
      Instant t = Instant.now();
      device.alarm("p-1", AlarmType.PANIC, "trip-9", 48.10, t);
      ControlAlert first = expect(desk, device.vehicleId, AlertState.OPEN);
      device.alarm("p-2", AlarmType.PANIC, "trip-9", 48.20, t.plusSeconds(1));
      ControlAlert merged = expect(desk, device.vehicleId, AlertState.OPEN);
      assertEquals(first.alertId(), merged.alertId());
      assertEquals(2, merged.progress().count());
      assertEquals(48.20, merged.position().lat());

      ControlAlert level1 = expect(desk, device.vehicleId, AlertState.ESCALATED);
      assertEquals(1, level1.progress().escalationLevel());
      long afterMs =
          level1.progress().updatedAt().toEpochMilli() - first.receivedAt().toEpochMilli();
      assertTrue(afterMs >= 2_000 && afterMs < 3_000, "escalated " + afterMs + " ms after receipt");
      ControlAlert level2 = expect(desk, device.vehicleId, AlertState.ESCALATED);
      assertEquals(2, level2.progress().escalationLevel());
      assertNull(desk.next(device.vehicleId, 1_500), "no third level");
      assertEquals(
          "RAISED MERGED ESCALATED ESCALATED",
          actions(get(gateway, "/api/alerts/" + first.alertId() + "/events", 200)));
    }
  }

  @Test
  @Timeout(90)
  void aVehicleGoingSilentWithItsIgnitionOnIsReportedOfflineAndBackOnline() throws Exception {
    TestFleet fleet = new TestFleet(folder);
    try (Gateway gateway = start(fleet, Map.of("alerts.offline-after-s", "5"));
        ControlRoom desk = new ControlRoom(MOSQUITTO, "desk-" + fleet.runId);
        SimDevice running = sim(fleet, gateway, "on");
        SimDevice parked = sim(fleet, gateway, "off")) {
      running.health(true, true, Instant.now());
      parked.health(false, false, Instant.now());
      Thread.sleep(1_500);
      JsonNode health = get(gateway, "/api/fleet/health", 200);
      assertEquals(2, health.get("devices").get("online").asInt(), health.toString());
      assertEquals(0.5, health.get("gnss").get("healthyRate").asDouble(), health.toString());
      assertEquals(false, health.get("cameras").get("known").asBoolean());

      ControlAlert offline = expect(desk, running.vehicleId, AlertState.OPEN);
      assertEquals(AlertType.DEVICE_OFFLINE, offline.type());
      assertNull(desk.next(parked.vehicleId, 100), "a parked car may sleep");
      // The parked car spoke a moment after the running one, so it goes quiet a moment later.
      assertEquals(0, onlineWithin(gateway, 0, 3_000), "both silent past the threshold");

      running.position(48.1, Instant.now());
      ControlAlert back = expect(desk, running.vehicleId, AlertState.RESOLVED);
      assertEquals(offline.alertId(), back.alertId());
      assertEquals("BACK_ONLINE", back.progress().resolution());
    }
  }

  private int onlineWithin(Gateway gateway, int expected, long timeoutMs) throws Exception {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    int online;
    do {
      online = get(gateway, "/api/fleet/health", 200).get("devices").get("online").asInt();
      if (online == expected) {
        return online;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return online;
  }

  private static SimDevice sim(TestFleet fleet, Gateway gateway, String name) throws Exception {
    return fleet.sim(gateway, name, MOSQUITTO);
  }

  private static ControlAlert expect(ControlRoom desk, String vehicleId, AlertState state)
      throws InterruptedException {
    ControlRoom.Received received = desk.next(vehicleId, 15_000);
    assertNotNull(received, "no alert for " + vehicleId + " within 15 s; expected " + state);
    assertEquals(state, received.alert().state(), received.alert().toString());
    assertEquals(Topics.controlAlert(received.alert().severity(), vehicleId), received.topic());
    return received.alert();
  }

  private String latestAlertId(Gateway gateway, String vehicleId) throws Exception {
    JsonNode alerts = get(gateway, "/api/alerts", 200);
    for (JsonNode alert : alerts) {
      if (alert.get("vehicleId").asText().equals(vehicleId)) {
        return alert.get("alertId").asText();
      }
    }
    throw new AssertionError("no alert of " + vehicleId + " listed");
  }

  private static String actions(JsonNode events) {
    StringBuilder actions = new StringBuilder();
    events.forEach(
        e -> actions.append(actions.length() == 0 ? "" : " ").append(e.get("action").asText()));
    return actions.toString();
  }

  private record Operator(MqttClient client) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      client.disconnect();
      client.close();
    }
  }

  private static MqttClient client(String id) throws Exception {
    MqttClient client = new MqttClient(MOSQUITTO, id, new MemoryPersistence());
    client.connect();
    return client;
  }

  private static void send(MqttClient client, String json) throws Exception {
    client.publish(
        Topics.CONTROL_ACK, new MqttMessage(json.getBytes(StandardCharsets.UTF_8), 1, false, null));
  }

  private HttpResponse<String> post(Gateway gateway, String id, String action, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(gateway, "/api/alerts/" + id + "/" + action))
            .header("Authorization", ben.bearer(gateway))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode get(Gateway gateway, String path, int status) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri(gateway, path))
                .header("Authorization", ben.bearer(gateway))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(status, response.statusCode(), response.body());
    return JSON.readTree(response.body());
  }

  private static URI uri(Gateway gateway, String path) {
    return URI.create("http://127.0.0.1:" + gateway.httpPort() + path);
  }
}
