package dev.vigil.gateway.enrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.device.Device;
import dev.vigil.device.DeviceConfig;
import dev.vigil.device.provisioning.EnrolledFiles;
import dev.vigil.device.provisioning.Enroller;
import dev.vigil.gateway.broker.SecureGateway;
import dev.vigil.gateway.broker.TestLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrolment through the real HTTP endpoint of a real gateway, as an installer does it: a good token
 * enrols a box whose agent then reports over mutual TLS; used, expired, unknown and malformed
 * requests are refused with their status, a counter and a log line.
 */
@Timeout(90)
class EnrolmentIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path folder;
  static SecureGateway fleet;

  @BeforeAll
  static void start() throws Exception {
    fleet = new SecureGateway(folder);
  }

  @AfterAll
  static void stop() {
    fleet.close();
  }

  private String id(String name) {
    return name + "-" + fleet.run;
  }

  private EnrolmentCounters counters() {
    return fleet.gateway.enrolmentCounters();
  }

  @Test
  void anEnrolledBoxReportsOverMutualTlsWithNoOtherSettings() throws Exception {
    String deviceId = id("box");
    Path data = folder.resolve("installed-box");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Enroller.enrol(
        new Enroller.Request(fleet.httpBase(), fleet.token("VEH-42"), deviceId, data),
        new PrintStream(printed, true));
    String shown = printed.toString();
    assertTrue(shown.contains("enrolled device " + deviceId + " for vehicle VEH-42"), shown);
    assertTrue(shown.contains(EnrolCommands.fingerprint(fleet.gateway.ca())), shown);
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(data.resolve("keys/device-key.pem"))));
    assertTrue(
        Files.readString(EnrolledFiles.folder(data).resolve(EnrolledFiles.SETTINGS))
            .contains("mqtt.url=ssl\\://localhost\\:"));

    long stored = fleet.gateway.counters().storedCount();
    Map<String, String> hardwareOnly =
        Map.of(
            "data.dir", data.toString(),
            "gnss.replay.file", "../scripts/data/munich-gps.nmea",
            "gnss.replay.speed", "20",
            "position.interval-ms", "200");
    try (Device device = Device.start(DeviceConfig.load(Optional.empty(), hardwareOnly))) {
      awaitAtLeast(fleet.gateway.counters()::storedCount, stored + 3);
      awaitAtLeast(() -> device.outboxWaiting() < 3 ? 1 : 0, 1);
    }
    assertEquals("VEH-42", fleet.gateway.registry().find(deviceId).orElseThrow().vehicleId());
  }

  @Test
  void aUsedTokenIsRefusedCountedAndLogged() throws Exception {
    String token = fleet.token("VEH-7");
    fleet.enrol(id("first"), "VEH-unused"); // another token: keeps this one fresh
    assertEquals(
        200, fleet.postEnrol(SecureGateway.enrolJson(token, id("one"), id("one"))).statusCode());
    TestLog log = TestLog.fromNow();
    long before = counters().refusedCount(Enrolment.Refusal.REUSED_TOKEN);
    HttpResponse<String> again =
        fleet.postEnrol(SecureGateway.enrolJson(token, id("two"), id("two")));
    assertEquals(403, again.statusCode());
    assertEquals("REUSED_TOKEN", JSON.readTree(again.body()).get("reason").asText());
    assertEquals(before + 1, counters().refusedCount(Enrolment.Refusal.REUSED_TOKEN));
    log.await("enrolment refused for device '" + id("two") + "'", "REUSED_TOKEN");
    assertTrue(fleet.gateway.registry().find(id("two")).isEmpty(), "nothing registered");
  }

  @Test
  void anExpiredTokenIsRefusedCountedAndLogged() throws Exception {
    String token = fleet.token("VEH-8");
    TestLog log = TestLog.fromNow();
    long before = counters().refusedCount(Enrolment.Refusal.EXPIRED_TOKEN);
    fleet.clock.advance(Duration.ofHours(24).plusSeconds(1));
    try {
      HttpResponse<String> late =
          fleet.postEnrol(SecureGateway.enrolJson(token, id("late"), id("late")));
      assertEquals(403, late.statusCode());
      assertEquals("EXPIRED_TOKEN", JSON.readTree(late.body()).get("reason").asText());
    } finally {
      fleet.clock.advance(Duration.ofHours(24).plusSeconds(1).negated());
    }
    assertEquals(before + 1, counters().refusedCount(Enrolment.Refusal.EXPIRED_TOKEN));
    log.await("enrolment refused for device '" + id("late") + "'", "EXPIRED_TOKEN");
  }

  @Test
  void anUnknownTokenIsRefusedWith401() throws Exception {
    TestLog log = TestLog.fromNow();
    long before = counters().refusedCount(Enrolment.Refusal.UNKNOWN_TOKEN);
    HttpResponse<String> answer =
        fleet.postEnrol(SecureGateway.enrolJson("vgt_guessed", id("guess"), id("guess")));
    assertEquals(401, answer.statusCode());
    assertEquals(before + 1, counters().refusedCount(Enrolment.Refusal.UNKNOWN_TOKEN));
    log.await("enrolment refused for device '" + id("guess") + "'", "UNKNOWN_TOKEN");
  }

  @Test
  void malformedRequestsGet400WithAJsonErrorAndDoNotSpendTheToken() throws Exception {
    String token = fleet.token("VEH-9");
    for (String body :
        new String[] {
          "not json",
          "[]",
          "{\"token\":\"" + token + "\"}",
          "{\"token\":\"" + token + "\",\"deviceId\":\"x\",\"csr\":\"-----BEGIN nonsense\"}"
        }) {
      HttpResponse<String> answer = fleet.postEnrol(body);
      assertEquals(400, answer.statusCode(), body);
      assertTrue(JSON.readTree(answer.body()).get("error").asText().length() > 5, answer.body());
    }
    HttpResponse<String> mismatch =
        fleet.postEnrol(SecureGateway.enrolJson(token, id("named"), id("other")));
    assertEquals(400, mismatch.statusCode());
    assertEquals("CN_MISMATCH", JSON.readTree(mismatch.body()).get("reason").asText());
    assertEquals(
        200, fleet.postEnrol(SecureGateway.enrolJson(token, id("ok"), id("ok"))).statusCode());
  }

  @Test
  void deviceIdsWithWildcardsOrSlashesAreRefused() throws Exception {
    String token = fleet.token("VEH-10");
    for (String bad :
        new String[] {
          "a#" + fleet.run, "a+" + fleet.run, "a/" + fleet.run, "vigil-gw-" + fleet.run
        }) {
      TestLog log = TestLog.fromNow();
      long before = counters().refusedCount(Enrolment.Refusal.INVALID_DEVICE_ID);
      HttpResponse<String> answer = fleet.postEnrol(SecureGateway.enrolJson(token, bad, bad));
      assertEquals(400, answer.statusCode(), bad);
      assertEquals(before + 1, counters().refusedCount(Enrolment.Refusal.INVALID_DEVICE_ID));
      log.await("enrolment refused for device '" + bad + "'", "INVALID_DEVICE_ID");
    }
    Enroller.Failed notSent =
        assertThrows(
            Enroller.Failed.class,
            () ->
                Enroller.enrol(
                    new Enroller.Request(
                        fleet.httpBase(), "vgt_unused", "x", folder.resolve("never")),
                    new PrintStream(new ByteArrayOutputStream())));
    assertTrue(notSent.getMessage().contains("401"), notSent.getMessage());
  }

  @Test
  void aRevokedDeviceCannotEnrolAgain() throws Exception {
    String deviceId = id("stolen");
    fleet.enrol(deviceId, "VEH-11");
    fleet.revoke(deviceId);
    long before = counters().refusedCount(Enrolment.Refusal.REVOKED_DEVICE);
    HttpResponse<String> answer =
        fleet.postEnrol(SecureGateway.enrolJson(fleet.token("VEH-11"), deviceId, deviceId));
    assertEquals(403, answer.statusCode());
    assertEquals(before + 1, counters().refusedCount(Enrolment.Refusal.REVOKED_DEVICE));
  }

  private static void awaitAtLeast(LongSupplier value, long atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (value.getAsLong() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(value.getAsLong() >= atLeast, "reached " + value.getAsLong() + " < " + atLeast);
  }
}
