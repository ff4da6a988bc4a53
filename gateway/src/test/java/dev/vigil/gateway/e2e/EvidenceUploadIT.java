package dev.vigil.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.device.Device;
import dev.vigil.device.button.FakePanicButton;
import dev.vigil.gateway.Gateway;
import dev.vigil.gateway.media.EvidenceVerifier;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A panic with two real ffmpeg cameras, end to end: the device seals and signs the evidence and
 * uploads it under a bandwidth cap; the gateway goes away mid-upload and comes back; the upload
 * resumes and only chunks that were in flight at the drop may arrive twice; every file is stored
 * and verified; an operator gets a clip (ffmpeg concat, checked with ffprobe) that covers the
 * window, and the access is in the audit log.
 */
class EvidenceUploadIT {
  private static final int IN_FLIGHT = 6;
  private static final String POSTGRES =
      System.getProperty("vigil.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final TestOperators alice = new TestOperators("alice", Role.SUPERVISOR);

  @TempDir Path folder;

  @Test
  @Timeout(150)
  void panicEvidenceSurvivesALinkDropAndComesBackAsAnAuditedClip() throws Exception {
    TestFleet fleet = new TestFleet(folder);
    Map<String, String> gatewaySettings = fleet.gatewaySettings(Optional.empty());
    String schema = "vigil_ev_" + fleet.runId;
    sql("CREATE SCHEMA " + schema);
    gatewaySettings.put("db.url", POSTGRES + "?currentSchema=" + schema);
    gatewaySettings.put("db.user", "postgres");
    Gateway gateway = fleet.startGateway(gatewaySettings);
    String deviceId = "ev-" + fleet.runId;
    Map<String, String> device = fleet.enrol(gateway, deviceId, "VEH-" + fleet.runId);
    device.putAll(cameraSettings());
    String alertId;
    try (Device agent = fleet.startDevice(device)) {
      Thread.sleep(5_000);
      ((FakePanicButton) agent.panicButton()).press();
      Gateway first = gateway;
      waitFor(() -> recentAlerts(first) > 0, 20);
      alertId = gateway.store().recentAlerts(1).get(0).alertId();
      waitFor(() -> first.mediaCounters().chunks() >= 8, 40);
      gateway.close(); // the link drops mid-upload
      Thread.sleep(3_000);
      gateway = fleet.startGateway(gatewaySettings);
      Gateway second = gateway;
      String id = alertId;
      waitFor(() -> allStored(second, id), 90);
      assertTrue(
          second.mediaCounters().repeats() <= IN_FLIGHT,
          "resent after the drop: " + second.mediaCounters());
      Path locks = Path.of(device.get("media.vault-dir")).resolve("locks.txt");
      waitFor(() -> readQuietly(locks).isBlank(), 20);
    }
    try {
      checkClip(gateway, alertId, "cabin");
      checkClip(gateway, alertId, "cargo");
      HttpResponse<String> refused = get(gateway, "/api/alerts/" + alertId + "/clips/cabin");
      assertEquals(400, refused.statusCode(), "no reason, no footage");
      JsonNode audit =
          JSON.readTree(get(gateway, "/api/media-audit?what=" + alertId + "/cabin").body());
      assertEquals(1, audit.size());
      assertEquals("alice", audit.get(0).get("operator").asText());
      assertEquals("police request 42", audit.get(0).get("reason").asText());
      checkPackage(gateway, alertId);
    } finally {
      gateway.close();
      sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static void sql(String statement) throws Exception {
    try (var connection = java.sql.DriverManager.getConnection(POSTGRES, "postgres", "");
        var s = connection.createStatement()) {
      s.execute(statement);
    }
  }

  private void checkClip(Gateway gateway, String alertId, String camera) throws Exception {
    HttpResponse<byte[]> clip =
        http.send(
            request(
                gateway,
                "/api/alerts/" + alertId + "/clips/" + camera + "?reason=police%20request%2042"),
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
    assertTrue(seconds >= 5.0, camera + " clip is " + seconds + " s, the window is 5 s");
  }

  /** The incident package verifies offline; a flipped byte anywhere makes it fail, by name. */
  private void checkPackage(Gateway gateway, String alertId) throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            request(gateway, "/api/incidents/" + alertId + "/package?reason=court"),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    byte[] zip = response.body();
    Files.write(Path.of("target/incident-sample.zip"), zip);
    List<EvidenceVerifier.Finding> findings = EvidenceVerifier.verify(zip);
    assertTrue(EvidenceVerifier.verified(findings), findings.toString());
    assertTrue(findings.stream().anyMatch(f -> f.what().startsWith("manifests/")), "manifests");
    assertTrue(findings.stream().filter(f -> f.what().contains("signed hash")).count() >= 12);

    String victim = entries(zip).keySet().stream().filter(n -> n.endsWith(".ts")).findFirst().get();
    Map<String, byte[]> altered = entries(zip);
    altered.get(victim)[100] ^= 1;
    List<EvidenceVerifier.Finding> tampered = EvidenceVerifier.verify(rezip(altered));
    assertFalse(EvidenceVerifier.verified(tampered));
    List<String> failed =
        tampered.stream().filter(f -> !f.ok()).map(EvidenceVerifier.Finding::what).toList();
    assertTrue(failed.contains(victim + " does not match its signed hash"), failed.toString());
    assertEquals(2, failed.size(), "exactly the altered file fails, twice: " + failed);

    byte[] raw = zip.clone();
    raw[raw.length / 2] ^= 1;
    assertFalse(EvidenceVerifier.verified(EvidenceVerifier.verify(raw)), "raw flipped byte");
  }

  private static Map<String, byte[]> entries(byte[] zip) throws Exception {
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        files.put(e.getName(), in.readAllBytes());
      }
    }
    return files;
  }

  private static byte[] rezip(Map<String, byte[]> files) throws Exception {
    var bytes = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.ZipOutputStream(bytes)) {
      for (var file : files.entrySet()) {
        out.putNextEntry(new java.util.zip.ZipEntry(file.getKey()));
        out.write(file.getValue());
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private boolean allStored(Gateway gateway, String alertId) {
    try {
      JsonNode items = JSON.readTree(get(gateway, "/api/alerts/" + alertId + "/media").body());
      int stored = 0;
      for (JsonNode item : items) {
        stored += item.get("stored").asBoolean() ? 1 : 0;
      }
      // Two snapshots and at least five one-second segments from each of two cameras.
      return items.size() >= 12 && stored == items.size();
    } catch (Exception e) {
      return false;
    }
  }

  private Map<String, String> cameraSettings() {
    Map<String, String> settings = new java.util.HashMap<>();
    settings.put("cameras", "cabin,cargo");
    for (String camera : new String[] {"cabin", "cargo"}) {
      settings.put("camera." + camera + ".source", "lavfi");
      settings.put("camera." + camera + ".width", "320");
      settings.put("camera." + camera + ".height", "240");
      settings.put("camera." + camera + ".bitrate-kbps", "300");
    }
    settings.put("media.segment-s", "1");
    settings.put("media.alarm.before-s", "3");
    settings.put("media.alarm.after-s", "2");
    settings.put("media.ram-dir", folder.resolve("ram").toString());
    settings.put("media.vault-dir", folder.resolve("vault").toString());
    settings.put("media.upload-kbps", "400");
    settings.put("outbox.max-in-flight", Integer.toString(IN_FLIGHT));
    return settings;
  }

  private static long recentAlerts(Gateway gateway) {
    try {
      return gateway.store().recentAlerts(1).size();
    } catch (Exception e) {
      return 0;
    }
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

  private static String readQuietly(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (Exception e) {
      return "unreadable";
    }
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
