package dev.vigil.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.gateway.Gateway;
import dev.vigil.gateway.GatewayConfig;
import dev.vigil.gateway.operators.Role;
import dev.vigil.gateway.operators.TestOperators;
import dev.vigil.gateway.store.Database;
import dev.vigil.protocol.alert.AlertJson;
import dev.vigil.protocol.alert.ControlAlert;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole gateways with {@code alerts.sinks=webhook,log}: an alert raised while the receiver is down
 * is held in the database (its change marked published); the gateway stops with it still queued; a
 * new gateway on the same database delivers it once the receiver is up. A restart loses nothing.
 */
class WebhookRestartIT {
  private static final String SECRET = "restart-it-secret-9a8b7c6d5e4f";

  @TempDir Path folder;

  @Test
  @Timeout(180)
  void anAlertQueuedWhileTheReceiverIsDownIsDeliveredByTheNextGatewayRun() throws Exception {
    int receiverPort = freePort();
    Path secret = Files.writeString(folder.resolve("webhook.secret"), SECRET + "\n");
    String dbUrl = "jdbc:h2:file:" + folder.resolve("db/vigil") + ";AUTO_SERVER=TRUE";
    Map<String, String> settings = new HashMap<>();
    settings.put("data.dir", folder.resolve("gw").toString());
    settings.put("db.url", dbUrl);
    settings.put("http.port", "0");
    settings.put("mqtt.embedded.persistent", "false");
    settings.put("alerts.sinks", "webhook,log");
    settings.put("webhook.url", "http://127.0.0.1:" + receiverPort + "/hook");
    settings.put("webhook.secret-file", secret.toString());
    // The default timeout: a shorter one can expire under a loaded machine while the second
    // gateway starts, and the receiver then sees the delivery again (same X-Vigil-Delivery).
    settings.put("webhook.timeout-ms", "5000");
    settings.put("webhook.backoff-base-ms", "200");
    settings.put("webhook.backoff-cap-ms", "1000");
    settings.put("webhook.poll-ms", "200");
    Database database = new Database(dbUrl, "", "");
    ControlAlert alert = Alerts.panic("al-" + UUID.randomUUID(), "VEH-WH-R");

    settings.put("mqtt.embedded.port", Integer.toString(freePort()));
    try (Gateway first = Gateway.start(GatewayConfig.load(Optional.empty(), settings))) {
      first.alerts().raiseOwn(alert);
      // Connection refused, again and again: the delivery stays queued...
      await(() -> count(database, "SELECT MAX(attempts) FROM webhook_deliveries") >= 2, 60_000);
      // ...and the alert change counts as published: the webhook holds it for good.
      await(
          () ->
              count(database, "SELECT COUNT(*) FROM alert_events WHERE published_at IS NULL") == 0,
          30_000);
      assertEquals(0, metrics(first).get("delivered").asLong());
      assertTrue(metrics(first).get("retried").asLong() >= 1);
    }
    assertEquals(
        1,
        count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'PENDING'"),
        "queued across the stop");

    byte[] secretBytes = SECRET.getBytes(StandardCharsets.UTF_8);
    settings.put("mqtt.embedded.port", Integer.toString(freePort()));
    try (Receiver receiver = Receiver.start(receiverPort, secretBytes);
        Gateway second = Gateway.start(GatewayConfig.load(Optional.empty(), settings))) {
      await(() -> metrics(second).get("delivered").asLong() == 1, 60_000);
      List<Receiver.Request> requests = receiver.requests();
      assertEquals(
          1,
          requests.stream().map(Receiver.Request::deliveryId).distinct().count(),
          "one delivery, whatever the attempts");
      assertTrue(
          requests.stream().allMatch(Receiver.Request::signatureValid),
          "signature checked by the receiver");
      ControlAlert received = AlertJson.read(requests.get(0).body());
      assertEquals(alert.alertId(), received.alertId());
      assertArrayEquals(AlertJson.write(received), requests.get(0).body());
      assertEquals(
          1, count(database, "SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'DELIVERED'"));
    }
  }

  private static JsonNode metrics(Gateway gateway) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.httpPort() + "/api/metrics"))
                    .header(
                        "Authorization",
                        new TestOperators("metrics", Role.OPERATOR).bearer(gateway))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(response.body()).get("webhook");
  }

  private static long count(Database database, String sql) {
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet found = s.executeQuery(sql)) {
      found.next();
      return found.getLong(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void await(Check condition, long timeoutMs) throws Exception {
    long end = System.nanoTime() + timeoutMs * 1_000_000;
    while (!condition.holds()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not reached within " + timeoutMs + " ms");
      }
      Thread.sleep(50);
    }
  }
}
