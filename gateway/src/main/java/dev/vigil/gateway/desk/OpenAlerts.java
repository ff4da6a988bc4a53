package dev.vigil.gateway.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.protocol.alert.AlertJson;
import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.alert.ControlAlert;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads the alerts that are live now from the gateway's HTTP API ({@code GET
 * /api/alerts?limit=1000}, newest first, every state), so the desk does not start empty: alerts are
 * not retained on MQTT. Sends {@code Authorization: Bearer TOKEN} when given a token.
 */
final class OpenAlerts {
  /** The most the API lists at once; older live alerts show when they next change. */
  static final int LIMIT = 1_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenAlerts() {}

  /**
   * @throws IOException when the gateway cannot be reached or answers anything but 200 with a list
   *     of alerts; the message says which
   */
  static List<ControlAlert> load(URI gateway, Optional<String> token)
      throws IOException, InterruptedException {
    URI uri = gateway.resolve("/api/alerts?limit=" + LIMIT);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .header("Accept", "application/json");
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    HttpResponse<byte[]> response =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .build()
            .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET " + uri + " answered " + response.statusCode() + ": " + preview(response.body()));
    }
    return live(response.body(), uri);
  }

  private static List<ControlAlert> live(byte[] body, URI uri) throws IOException {
    JsonNode list = JSON.readTree(body);
    if (list == null || !list.isArray()) {
      throw new IOException("GET " + uri + " did not answer a JSON list");
    }
    List<ControlAlert> alerts = new ArrayList<>();
    for (JsonNode item : list) {
      ControlAlert alert;
      try {
        alert = AlertJson.read(JSON.writeValueAsBytes(item));
      } catch (IllegalArgumentException e) {
        throw new IOException(
            "GET " + uri + " listed an alert that does not read: " + e.getMessage());
      }
      if (alert.state() != AlertState.RESOLVED) {
        alerts.add(alert);
      }
    }
    return alerts;
  }

  private static String preview(byte[] body) {
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
