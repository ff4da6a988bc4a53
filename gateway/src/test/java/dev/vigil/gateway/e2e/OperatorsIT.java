package dev.vigil.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.gateway.Gateway;
import dev.vigil.gateway.keys.GatewayKeys;
import dev.vigil.gateway.operators.Operators;
import dev.vigil.gateway.operators.Role;
import dev.vigil.gateway.operators.TestOperators;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.pb.AlarmType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Operators against a real gateway (embedded broker, HTTP on a free port), on the embedded H2 and
 * on the machine's PostgreSQL (a fresh schema): 401 without a token, 403 and an audit row for a
 * role too low, the audit log for supervisors, acknowledging over HTTP and MQTT recorded with who
 * did it, logins (failed ones audited and throttled), and a disabled operator's tokens refused.
 */
class OperatorsIT {
  private static final String POSTGRES =
      System.getProperty("vigil.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path folder;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  @Timeout(180)
  void everyRouteChecksTheRoleAndEveryAlertActionIsAudited(String db) throws Exception {
    TestFleet fleet = new TestFleet(folder);
    Map<String, String> settings = fleet.gatewaySettings(Optional.empty());
    String schema = "vigil_ops_" + fleet.runId;
    if (db.equals("postgresql")) {
      sql("CREATE SCHEMA " + schema);
      settings.put("db.url", POSTGRES + "?currentSchema=" + schema);
      settings.put("db.user", "postgres");
    }
    try (Gateway gateway = fleet.startGateway(settings)) {
      scenario(gateway, fleet);
    } finally {
      if (db.equals("postgresql")) {
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private void scenario(Gateway gateway, TestFleet fleet) throws Exception {
    assertEquals(List.of(), gateway.unlistedRoutes(), "every route has a role in the table");
    Operators operators = gateway.operators();
    String olgaPassword = TestOperators.randomPassword();
    operators.add("olga", Role.OPERATOR, olgaPassword.toCharArray(), "test");
    String olga = operators.issueToken("olga", "console", Optional.empty(), "test").token();
    String sam = TestOperators.token(operators, "sam", Role.SUPERVISOR);
    String ada = TestOperators.token(operators, "ada", Role.ADMIN);

    // Public routes need nothing; every other needs a valid token.
    assertEquals(200, call(gateway, "GET", "/api/health", null, "").statusCode());
    HttpResponse<String> anonymous = call(gateway, "GET", "/api/alerts", null, "");
    assertEquals(401, anonymous.statusCode(), anonymous.body());
    assertEquals("Bearer", anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
    assertEquals(401, call(gateway, "GET", "/api/alerts", "vgo_forged", "").statusCode());
    assertEquals(200, call(gateway, "GET", "/api/alerts", olga, "").statusCode());

    // A role too low: 403, audited with who and what.
    HttpResponse<String> tooLow = call(gateway, "GET", "/api/operators", olga, "");
    assertEquals(403, tooLow.statusCode(), tooLow.body());
    assertEquals(403, call(gateway, "GET", "/api/audit", olga, "").statusCode());
    assertEquals(403, call(gateway, "GET", "/api/operators", sam, "").statusCode());
    JsonNode accounts = JSON.readTree(call(gateway, "GET", "/api/operators", ada, "").body());
    assertEquals(3, accounts.size(), accounts.toString());
    JsonNode denials = audit(gateway, sam, "action=http.denied");
    assertTrue(
        has(
            denials,
            r ->
                r.get("who").asText().equals("olga")
                    && r.get("target").asText().equals("GET /api/operators")
                    && r.get("outcome").asText().equals("role_too_low")),
        denials.toString());
    assertTrue(has(denials, r -> r.get("who").asText().equals("anonymous")), denials.toString());
    assertTrue(has(denials, r -> r.get("who").asText().equals("invalid token")));

    // Acknowledging over HTTP records the caller, not a name in the body.
    String alertId = raisePanic(gateway, fleet);
    HttpResponse<String> acked =
        call(
            gateway,
            "POST",
            "/api/alerts/" + alertId + "/ack",
            olga,
            "{\"operator\":\"mallory\",\"note\":\"calling the driver\"}");
    assertEquals(200, acked.statusCode(), acked.body());
    JsonNode events =
        JSON.readTree(call(gateway, "GET", "/api/alerts/" + alertId + "/events", olga, "").body());
    assertEquals("ACKNOWLEDGED", events.get(1).get("action").asText());
    assertEquals("olga", events.get(1).get("who").asText());
    JsonNode ack = audit(gateway, sam, "action=alert.ack");
    assertEquals(1, ack.size(), ack.toString());
    assertEquals("olga", ack.get(0).get("who").asText());
    assertEquals(alertId, ack.get(0).get("target").asText());
    assertEquals("applied", ack.get(0).get("outcome").asText());
    assertTrue(ack.get(0).get("detail").asText().contains("via http"));

    // A resolve from the control-room desk over MQTT is audited too, and so is a malformed one.
    MqttClient desk =
        new MqttClient(gateway.brokerUrl(), "desk-" + fleet.runId, new MemoryPersistence());
    desk.connect();
    try {
      publish(desk, "{\"alertId\":\"" + alertId + "\",\"action\":\"resolve\"}");
      publish(
          desk,
          "{\"alertId\":\""
              + alertId
              + "\",\"operator\":\"desk-anna\",\"action\":\"resolve\","
              + "\"reason\":\"HANDLED\"}");
      JsonNode resolved = awaitAudit(gateway, sam, "action=alert.resolve", 1);
      assertEquals("desk-anna", resolved.get(0).get("who").asText());
      assertEquals("applied", resolved.get(0).get("outcome").asText());
      assertTrue(resolved.get(0).get("detail").asText().contains("via mqtt"));
      JsonNode malformed = awaitAudit(gateway, sam, "action=alert.request", 1);
      assertEquals("malformed", malformed.get(0).get("outcome").asText());
    } finally {
      desk.disconnect();
      desk.close();
    }

    // Logins: a wrong password is refused and audited; the right one gives a session token.
    HttpResponse<String> wrong = login(gateway, "olga", "not-her-password");
    assertEquals(401, wrong.statusCode(), wrong.body());
    JsonNode logins = audit(gateway, sam, "action=login");
    assertEquals("failed", logins.get(0).get("outcome").asText());
    assertTrue(logins.get(0).get("detail").asText().startsWith("wrong password"));
    HttpResponse<String> right = login(gateway, "olga", olgaPassword);
    assertEquals(200, right.statusCode(), right.body());
    String session = JSON.readTree(right.body()).get("token").asText();
    assertNotEquals(olga, session);
    JsonNode me = JSON.readTree(call(gateway, "GET", "/api/me", session, "").body());
    assertEquals("olga", me.get("name").asText());
    assertEquals("operator", me.get("role").asText());

    // Five failures lock the name: the right password is then refused without being checked.
    String tessPassword = TestOperators.randomPassword();
    operators.add("tess", Role.OPERATOR, tessPassword.toCharArray(), "test");
    for (int i = 0; i < 5; i++) {
      assertEquals(401, login(gateway, "tess", "guess-number-" + i).statusCode());
    }
    assertEquals(429, login(gateway, "tess", tessPassword).statusCode());
    JsonNode tess = audit(gateway, sam, "action=login&who=tess");
    assertEquals("throttled", tess.get(0).get("outcome").asText());
    assertEquals(6, tess.size());

    // Disabling an operator ends her API token and her session at once.
    operators.disable("olga", "test");
    assertEquals(401, call(gateway, "GET", "/api/alerts", olga, "").statusCode());
    assertEquals(401, call(gateway, "GET", "/api/me", session, "").statusCode());
    assertEquals(401, login(gateway, "olga", olgaPassword).statusCode());

    // Evidence access is audited with the caller.
    call(gateway, "GET", "/api/alerts/" + alertId + "/media", sam, "");
    JsonNode access = audit(gateway, sam, "action=http.access&who=sam");
    assertTrue(
        has(access, r -> r.get("target").asText().equals("GET /api/alerts/" + alertId + "/media")),
        access.toString());
  }

  private String raisePanic(Gateway gateway, TestFleet fleet) throws Exception {
    Path keyFile = folder.resolve("gateway").resolve("keys").resolve(GatewayKeys.PUBLIC_FILE);
    String vehicleId = "VEH-ops-" + fleet.runId;
    try (SimDevice device =
        new SimDevice(
            "sim-ops-" + fleet.runId,
            vehicleId,
            KeyPairs.publicFromPem(Files.readString(keyFile)),
            gateway.registry(),
            gateway.brokerUrl())) {
      device.alarm("p-1", AlarmType.PANIC, "trip-1", 48.1, Instant.now());
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (System.nanoTime() < deadline) {
        for (var alert : gateway.store().recentAlerts(10)) {
          if (alert.vehicleId().equals(vehicleId)) {
            return alert.alertId();
          }
        }
        Thread.sleep(100);
      }
    }
    throw new AssertionError("the panic raised no alert within 30 s");
  }

  private static void publish(MqttClient desk, String json) throws Exception {
    desk.publish(
        Topics.CONTROL_ACK, new MqttMessage(json.getBytes(StandardCharsets.UTF_8), 1, false, null));
  }

  private JsonNode audit(Gateway gateway, String token, String query) throws Exception {
    HttpResponse<String> response = call(gateway, "GET", "/api/audit?" + query, token, "");
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body());
  }

  private JsonNode awaitAudit(Gateway gateway, String token, String query, int rows)
      throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    JsonNode found = audit(gateway, token, query);
    while (found.size() < rows && System.nanoTime() < deadline) {
      Thread.sleep(100);
      found = audit(gateway, token, query);
    }
    assertEquals(rows, found.size(), query + ": " + found);
    return found;
  }

  private static boolean has(JsonNode rows, Predicate<JsonNode> test) {
    for (JsonNode row : rows) {
      if (test.test(row)) {
        return true;
      }
    }
    return false;
  }

  private HttpResponse<String> login(Gateway gateway, String name, String password)
      throws Exception {
    String body = JSON.writeValueAsString(Map.of("name", name, "password", password));
    return call(gateway, "POST", "/api/login", null, body);
  }

  private HttpResponse<String> call(
      Gateway gateway, String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void sql(String statement) throws Exception {
    try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", "");
        Statement s = connection.createStatement()) {
      s.execute(statement);
    }
  }
}
