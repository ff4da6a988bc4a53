package dev.vigil.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.device.Device;
import dev.vigil.gateway.Gateway;
import dev.vigil.gateway.operators.Role;
import dev.vigil.gateway.operators.TestOperators;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence on request, end to end with two real ffmpeg cameras, the real agent and a real gateway
 * (embedded broker, PostgreSQL): after ~12 s of recording an operator asks for a past 5 s window of
 * one camera; the device uploads exactly that camera's segments overlapping the window, and the
 * clip assembled from them covers the window (ffprobe). A request for an unknown camera is answered
 * with an event, and a bad request is refused naming the field.
 */
class MediaRequestIT {
  private static final String POSTGRES =
      System.getProperty("vigil.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final TestOperators alice = new TestOperators("alice", Role.SUPERVISOR);

  @TempDir Path folder;

  @Test
  @Timeout(120)
  void aPastWindowOfOneCameraComesUpAsAClipThatCoversIt() throws Exception {
    TestFleet fleet = new TestFleet(folder);
    Map<String, String> gatewaySettings = fleet.gatewaySettings(Optional.empty());
    String schema = "vigil_mr_" + fleet.runId;
    sql("CREATE SCHEMA " + schema);
    gatewaySettings.put("db.url", POSTGRES + "?currentSchema=" + schema);
    gatewaySettings.put("db.user", "postgres");
    String deviceId = "mr-" + fleet.runId;
    String vehicleId = "VEH-" + fleet.runId;
    try (Gateway gateway = fleet.startGateway(gatewaySettings)) {
      Map<String, String> device = fleet.enrol(gateway, deviceId, vehicleId);
      device.putAll(cameraSettings());
      try (Device agent = fleet.startDevice(device)) {
        Thread.sleep(
            12_000); // the window starts 4 s after the cameras did: ffmpeg may start slowly
        Instant to = Instant.now().minusSeconds(3);
        Instant from = to.minusSeconds(5);
        assertEquals(400, post(gateway, vehicleId, body(to, from, "[\"cabin\"]")).statusCode());
        HttpResponse<String> accepted = post(gateway, vehicleId, body(from, to, "[\"cabin\"]"));
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonNode answer = JSON.readTree(accepted.body());
        assertEquals(deviceId, answer.get("devices").get(0).get("deviceId").asText());
        assertEquals("true", answer.get("devices").get(0).get("sent").asText());
        String alertId = answer.get("devices").get(0).get("alertId").asText();
        waitFor(() -> allStored(gateway, alertId), 60);
        checkItems(gateway, alertId, from, to);
        checkClip(gateway, alertId, "cabin");
        assertEquals(1, events(schema, deviceId), "the device answers with a MEDIA_REQUEST event");
        HttpResponse<String> unknown = post(gateway, vehicleId, body(from, to, "[\"roof\"]"));
        assertEquals(202, unknown.statusCode(), unknown.body());
        waitFor(() -> events(schema, deviceId) == 2, 30);
      }
    } finally {
      sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  /**
   * Only cabin segments, all overlapping the window, together reaching from its start to its end.
   */
  private void checkItems(Gateway gateway, String alertId, Instant from, Instant to)
      throws Exception {
    JsonNode items = JSON.readTree(get(gateway, "/api/alerts/" + alertId + "/media").body());
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (JsonNode item : items) {
      assertEquals("cabin", item.get("source").asText(), item.toString());
      long start = item.get("startMs").asLong();
      long end = start + item.get("durationMs").asLong();
      assertTrue(start < to.toEpochMilli() && end > from.toEpochMilli(), "outside: " + item);
      first = Math.min(first, start);
      last = Math.max(last, end);
    }
    assertTrue(
        first <= from.toEpochMilli(), "starts " + (first - from.toEpochMilli()) + " ms late");
    assertTrue(last >= to.toEpochMilli(), "ends " + (to.toEpochMilli() - last) + " ms early");
  }

  private void checkClip(Gateway gateway, String alertId, String camera) throws Exception {
    HttpResponse<byte[]> clip =
        http.send(
            request(gateway, "/api/alerts/" + alertId + "/clips/" + camera + "?reason=claim%207"),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, clip.statusCode(), new String(clip.body(), StandardCharsets.UTF_8));
    Path file = Files.write(folder.resolve(camera + ".ts"), clip.body());
    Process probe =
        new ProcessBuilder(
                "ffprobe",
                "-v",
                "error",
                "-show_entries",
                "format=duration",
                "-of",
                "csv=p=0",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(probe.waitFor(30, TimeUnit.SECONDS));
    double seconds = Double.parseDouble(out);
    // The window is 5 s; whole 1 s segments overlapping it add at most one segment at each end.
    assertTrue(seconds >= 5.0 && seconds <= 7.5, camera + " clip is " + seconds + " s");
  }

  private static String body(Instant from, Instant to, String cameras) {
    return "{\"from\":\"%s\",\"to\":\"%s\",\"cameras\":%s,\"reason\":\"claim 7\",\"operator\":\"alice\"}"
        .formatted(from, to, cameras);
  }

  private HttpResponse<String> post(Gateway gateway, String vehicleId, String body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + gateway.httpPort()
                        + "/api/vehicles/"
                        + vehicleId
                        + "/media-requests"))
            .header("Authorization", alice.bearer(gateway))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private boolean allStored(Gateway gateway, String alertId) {
    try {
      JsonNode items = JSON.readTree(get(gateway, "/api/alerts/" + alertId + "/media").body());
      int stored = 0;
      for (JsonNode item : items) {
        stored += item.get("stored").asBoolean() ? 1 : 0;
      }
      return items.size() >= 5 && stored == items.size();
    } catch (Exception e) {
      return false;
    }
  }

  private static long events(String schema, String deviceId) {
    try (var connection = java.sql.DriverManager.getConnection(POSTGRES, "postgres", "");
        var s =
            connection.prepareStatement(
                "SELECT count(*) FROM "
                    + schema
                    + ".events WHERE device_id = ? AND type = 'MEDIA_REQUEST'")) {
      s.setString(1, deviceId);
      try (var rows = s.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (Exception e) {
      return -1;
    }
  }

  private static void sql(String statement) throws Exception {
    try (var connection = java.sql.DriverManager.getConnection(POSTGRES, "postgres", "");
        var s = connection.createStatement()) {
      s.execute(statement);
    }
  }

  private Map<String, String> cameraSettings() {
    Map<String, String> settings = new HashMap<>();
    settings.put("cameras", "cabin,cargo");
    for (String camera : new String[] {"cabin", "cargo"}) {
      settings.put("camera." + camera + ".source", "lavfi");
      settings.put("camera." + camera + ".width", "320");
      settings.put("camera." + camera + ".height", "240");
      settings.put("camera." + camera + ".bitrate-kbps", "300");
    }
    settings.put("media.segment-s", "1");
    settings.put("media.ram-dir", folder.resolve("ram").toString());
    settings.put("media.vault-dir", folder.resolve("vault").toString());
    settings.put("media.upload-kbps", "2000");
    return settings;
  }

  private HttpResponse<String> get(Gateway gateway, String path) throws Exception {
    return http.send(request(gateway, path), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(Gateway gateway, String path) throws Exception {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
        .header("Authorization", alice.bearer(gateway))
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  private static void waitFor(BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + seconds + " s");
      }
      Thread.sleep(200);
    }
  }
}
