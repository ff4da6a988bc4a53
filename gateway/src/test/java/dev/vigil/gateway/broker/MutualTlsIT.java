package dev.vigil.gateway.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.enrol.FleetCa;
import dev.vigil.gateway.enrol.Role;
import dev.vigil.gateway.enrol.ServiceCertificates;
import dev.vigil.gateway.ingest.DropReason;
import dev.vigil.gateway.ingest.IngestCounters;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.UpKind;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.envelope.Suite;
import dev.vigil.protocol.pb.FixMode;
import dev.vigil.protocol.pb.Position;
import dev.vigil.protocol.tls.PemTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker in mutual-TLS mode, attacked: every refusal is checked at the client (it
 * cannot connect, publish or subscribe) and at the gateway (a counter and a log line), and what a
 * broker lets through anyway is dropped and counted by ingest.
 */
@Timeout(90)
class MutualTlsIT {
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

  private BrokerCounters broker() {
    return fleet.gateway.brokerCounters();
  }

  @Test
  void aClientWithoutCertificateIsRefusedCountedAndLogged() throws Exception {
    TestLog log = TestLog.fromNow();
    long before = broker().refusedCount(AccessRules.Refusal.NO_TRUSTED_CERTIFICATE);
    SSLContext trustOnly = SSLContext.getInstance("TLS");
    trustOnly.init(
        null, PemTls.trust(fleet.gateway.ca().certificatePem()).getTrustManagers(), null);
    String clientId = id("vigil-nocert");
    MqttException refused =
        assertThrows(MqttException.class, () -> fleet.connect(clientId, trustOnly));
    assertEquals(135, refused.getReasonCode(), "CONNACK 0x87 not authorized");
    assertEquals(before + 1, broker().refusedCount(AccessRules.Refusal.NO_TRUSTED_CERTIFICATE));
    log.await("broker refused client '" + clientId + "'", "NO_TRUSTED_CERTIFICATE");
  }

  @Test
  void aCertificateFromAnotherCaIsRefusedCountedAndLogged() throws Exception {
    Path data = fleet.enrol(id("dev-real"), "VEH-1");
    FleetCa other = FleetCa.loadOrCreate(folder.resolve("other-ca"), Clock.systemUTC());
    KeyPair key = KeyPairs.generateP256();
    X509Certificate forged = other.issueClient(id("dev-real"), Role.DEVICE, key.getPublic());
    SSLContext tls =
        PemTls.context(
            KeyPairs.toPem(key.getPrivate()),
            PemTls.toPem(forged),
            fleet.gateway.ca().certificatePem());
    TestLog log = TestLog.fromNow();
    long before = broker().refusedCount(AccessRules.Refusal.NO_TRUSTED_CERTIFICATE);
    // TLS drops a client certificate that does not chain to the fleet CA, so the broker sees none.
    MqttException refused =
        assertThrows(MqttException.class, () -> fleet.connect("vigil-" + id("dev-real"), tls));
    assertEquals(135, refused.getReasonCode());
    assertEquals(before + 1, broker().refusedCount(AccessRules.Refusal.NO_TRUSTED_CERTIFICATE));
    log.await("broker refused client 'vigil-" + id("dev-real") + "'", "NO_TRUSTED_CERTIFICATE");
    // The genuine box still connects.
    fleet.connect("vigil-" + id("dev-real"), SecureGateway.boxTls(data)).disconnect();
  }

  @Test
  void deviceAMayNotPublishOnBsTopicNorSubscribeToBsDownlink() throws Exception {
    String a = id("dev-a");
    String b = id("dev-b");
    Path dataA = fleet.enrol(a, "VEH-A");
    fleet.enrol(b, "VEH-B");
    MqttAsyncClient client = fleet.connectAsync("vigil-" + a, SecureGateway.boxTls(dataA));
    TestLog log = TestLog.fromNow();
    long before = broker().refusedCount(AccessRules.Refusal.PUBLISH_DENIED);
    long wrongTopic = fleet.gateway.counters().droppedCount(DropReason.WRONG_TOPIC);
    String topicB = Topics.up(b, UpKind.POS);
    byte[] sealed =
        Envelope.seal(SecureGateway.uplinkKey(dataA, a), Suite.AES_256_GCM, topicB, 1, position(1));
    client.publish(topicB, new MqttMessage(sealed, 1, false, null));
    // HiveMQ answers a refused QoS 1 publish by closing the connection.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (client.isConnected() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(!client.isConnected(), "the broker cut the offending connection");
    assertEquals(before + 1, broker().refusedCount(AccessRules.Refusal.PUBLISH_DENIED));
    log.await("broker refused publish by 'vigil-" + a + "'", topicB);
    Thread.sleep(500);
    assertEquals(
        wrongTopic,
        fleet.gateway.counters().droppedCount(DropReason.WRONG_TOPIC),
        "the message never reached the gateway");
    client.close(true);

    MqttAsyncClient again = fleet.connectAsync("vigil-" + a, SecureGateway.boxTls(dataA));
    long subscribeBefore = broker().refusedCount(AccessRules.Refusal.SUBSCRIBE_DENIED);
    IMqttToken subscription =
        again.subscribe(new MqttSubscription("vigil/v1/d/" + b + "/down/#", 1));
    try {
      subscription.waitForCompletion(10_000);
    } catch (MqttException refused) {
      // Paho may raise the SUBACK's failure code; the code itself is checked below.
    }
    assertEquals(135, subscription.getReasonCodes()[0], "SUBACK 0x87 not authorized");
    assertEquals(subscribeBefore + 1, broker().refusedCount(AccessRules.Refusal.SUBSCRIBE_DENIED));
    log.await("broker refused subscription by 'vigil-" + a + "'", "/down/#");
    IMqttToken own = again.subscribe(new MqttSubscription("vigil/v1/d/" + a + "/down/#", 1));
    own.waitForCompletion(10_000);
    assertEquals(1, own.getReasonCodes()[0], "its own downlink is granted (QoS 1)");
    again.disconnect().waitForCompletion(5_000);
    again.close();
  }

  @Test
  void aReplayedEnvelopeAndAFlippedByteAreDroppedAndCounted() throws Exception {
    String a = id("dev-replay");
    Path data = fleet.enrol(a, "VEH-R");
    IngestCounters counters = fleet.gateway.counters();
    MqttClient client = fleet.connect("vigil-" + a, SecureGateway.boxTls(data));
    String topic = Topics.up(a, UpKind.POS);
    EnvelopeKey key = SecureGateway.uplinkKey(data, a);
    byte[] first = Envelope.seal(key, Suite.AES_256_GCM, topic, 1, position(1));
    long stored = counters.storedCount();
    client.publish(topic, new MqttMessage(first, 1, false, null));
    await(counters::storedCount, stored + 1);

    long duplicates = counters.duplicateCount();
    client.publish(topic, new MqttMessage(first, 1, false, null));
    await(counters::duplicateCount, duplicates + 1);

    TestLog log = TestLog.fromNow();
    long failed = counters.droppedCount(DropReason.AUTHENTICATION_FAILED);
    byte[] flipped = Envelope.seal(key, Suite.AES_256_GCM, topic, 2, position(2));
    flipped[flipped.length - 3] ^= 0x10;
    client.publish(topic, new MqttMessage(flipped, 1, false, null));
    await(() -> counters.droppedCount(DropReason.AUTHENTICATION_FAILED), failed + 1);
    log.await("dropped message on " + topic, "AUTHENTICATION_FAILED");
    assertEquals(stored + 1, counters.storedCount(), "neither the replay nor the forgery stored");
    client.disconnect();
    client.close();
  }

  @Test
  void aRevokedDeviceIsCutOffRefusedAtTheBrokerAndDroppedByIngest() throws Exception {
    String r = id("dev-revoked");
    Path data = fleet.enrol(r, "VEH-X");
    MqttClient box = fleet.connect("vigil-" + r, SecureGateway.boxTls(data));
    TestLog log = TestLog.fromNow();
    fleet.revoke(r);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (box.isConnected() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(!box.isConnected(), "the revoked box's session was closed");
    box.close(true);

    long refusedBefore = broker().refusedCount(AccessRules.Refusal.REVOKED_DEVICE);
    MqttException refused =
        assertThrows(
            MqttException.class, () -> fleet.connect("vigil-" + r, SecureGateway.boxTls(data)));
    assertEquals(135, refused.getReasonCode());
    assertEquals(refusedBefore + 1, broker().refusedCount(AccessRules.Refusal.REVOKED_DEVICE));
    log.await("broker refused client 'vigil-" + r + "'", "REVOKED_DEVICE");

    // A broker that let it through anyway (here: a client with publishing rights everywhere).
    IngestCounters counters = fleet.gateway.counters();
    long dropped = counters.droppedCount(DropReason.REVOKED_DEVICE);
    MqttClient relay = fleet.connect(id("relay") + "-1", relayTls(id("relay")));
    String topic = Topics.up(r, UpKind.POS);
    byte[] sealed =
        Envelope.seal(SecureGateway.uplinkKey(data, r), Suite.AES_256_GCM, topic, 7, position(7));
    relay.publish(topic, new MqttMessage(sealed, 1, false, null));
    await(() -> counters.droppedCount(DropReason.REVOKED_DEVICE), dropped + 1);
    log.await("dropped message on " + topic, "REVOKED_DEVICE");
    relay.disconnect();
    relay.close();
  }

  @Test
  void clientIdsAndCertificateNamesWithWildcardsOrSlashesAreRefused() throws Exception {
    String c = id("dev-c");
    Path data = fleet.enrol(c, "VEH-C");
    for (String clientId : new String[] {"vigil-" + c + "/x", "vigil-" + c + "#", "vigil-+"}) {
      TestLog log = TestLog.fromNow();
      long before = broker().refusedCount(AccessRules.Refusal.INVALID_IDENTITY);
      MqttException refused =
          assertThrows(
              MqttException.class, () -> fleet.connect(clientId, SecureGateway.boxTls(data)));
      assertEquals(135, refused.getReasonCode(), clientId);
      assertEquals(before + 1, broker().refusedCount(AccessRules.Refusal.INVALID_IDENTITY));
      log.await("broker refused client '" + clientId + "'", "INVALID_IDENTITY");
    }
    // Certificates the CA would never issue through enrolment, presented all the same.
    for (String cn : new String[] {"evil+" + fleet.run, "evil#" + fleet.run, "a/" + fleet.run}) {
      KeyPair key = KeyPairs.generateP256();
      X509Certificate cert = fleet.gateway.ca().issueClient(cn, Role.DEVICE, key.getPublic());
      SSLContext tls =
          PemTls.context(
              KeyPairs.toPem(key.getPrivate()),
              PemTls.toPem(cert),
              fleet.gateway.ca().certificatePem());
      TestLog log = TestLog.fromNow();
      long before = broker().refusedCount(AccessRules.Refusal.INVALID_IDENTITY);
      String clientId = "vigil-x" + fleet.run;
      MqttException refused = assertThrows(MqttException.class, () -> fleet.connect(clientId, tls));
      assertEquals(135, refused.getReasonCode(), cn);
      assertEquals(before + 1, broker().refusedCount(AccessRules.Refusal.INVALID_IDENTITY));
      log.await("broker refused client '" + clientId + "'", "INVALID_IDENTITY");
    }
  }

  @Test
  void aDeviceMayNotTakeAnotherDevicesClientId() throws Exception {
    Path data = fleet.enrol(id("dev-d"), "VEH-D");
    fleet.enrol(id("dev-e"), "VEH-E");
    TestLog log = TestLog.fromNow();
    long before = broker().refusedCount(AccessRules.Refusal.CLIENT_ID_MISMATCH);
    String stolen = "vigil-" + id("dev-e");
    assertThrows(MqttException.class, () -> fleet.connect(stolen, SecureGateway.boxTls(data)));
    assertEquals(before + 1, broker().refusedCount(AccessRules.Refusal.CLIENT_ID_MISMATCH));
    log.await("broker refused client '" + stolen + "'", "CLIENT_ID_MISMATCH");
  }

  @Test
  void aControlRoomDeskGetsAlertsAndNothingElse() throws Exception {
    String name = "vigil-cr-" + fleet.run;
    Path files = folder.resolve("desk");
    ServiceCertificates.writeControlPem(fleet.gateway.ca(), name, files);
    SSLContext tls =
        PemTls.context(
            Files.readString(files.resolve("desk-key.pem")),
            Files.readString(files.resolve("desk.crt")),
            Files.readString(files.resolve("ca.crt")));
    MqttAsyncClient desk = fleet.connectAsync(name + "-1", tls);
    IMqttToken alerts = desk.subscribe(new MqttSubscription("vigil/v1/control/alerts/#", 1));
    alerts.waitForCompletion(10_000);
    assertEquals(1, alerts.getReasonCodes()[0], "alerts granted at QoS 1");
    long before = broker().refusedCount(AccessRules.Refusal.SUBSCRIBE_DENIED);
    IMqttToken uplinks = desk.subscribe(new MqttSubscription("vigil/v1/d/+/up/#", 1));
    try {
      uplinks.waitForCompletion(10_000);
    } catch (MqttException refused) {
      // The SUBACK's reason code is checked below.
    }
    assertEquals(135, uplinks.getReasonCodes()[0]);
    assertEquals(before + 1, broker().refusedCount(AccessRules.Refusal.SUBSCRIBE_DENIED));
    desk.disconnect().waitForCompletion(5_000);
    desk.close();
  }

  /** A gateway-role client (publishes anywhere), standing in for a broker without our ACL. */
  private static SSLContext relayTls(String name) {
    KeyPair key = KeyPairs.generateP256();
    X509Certificate cert = fleet.gateway.ca().issueClient(name, Role.GATEWAY, key.getPublic());
    return PemTls.context(
        KeyPairs.toPem(key.getPrivate()), PemTls.toPem(cert), fleet.gateway.ca().certificatePem());
  }

  static byte[] position(int second) {
    return Position.newBuilder()
        .setFixTimeMs(Instant.parse("2026-11-22T10:00:00Z").plusSeconds(second).toEpochMilli())
        .setLatDeg(48.137)
        .setLonDeg(11.575)
        .setSpeedMps(8.5f)
        .setHeadingDeg(90f)
        .setFixMode(FixMode.FIX_MODE_3D)
        .setSatellites(9)
        .setHdop(0.9f)
        .build()
        .toByteArray();
  }

  /** Waits until a counter reaches exactly {@code expected}; fails if it stays below or passes. */
  static void await(LongSupplier counter, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (counter.getAsLong() < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(expected, counter.getAsLong());
  }
}
