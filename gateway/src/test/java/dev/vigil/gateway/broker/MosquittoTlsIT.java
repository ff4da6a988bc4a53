package dev.vigil.gateway.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.Device;
import dev.vigil.device.DeviceConfig;
import dev.vigil.device.provisioning.Enroller;
import dev.vigil.gateway.Gateway;
import dev.vigil.gateway.GatewayConfig;
import dev.vigil.gateway.enrol.EnrolCommands;
import dev.vigil.gateway.enrol.FleetCa;
import dev.vigil.gateway.enrol.Role;
import dev.vigil.gateway.enrol.ServiceCertificates;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.settings.Arguments;
import dev.vigil.protocol.tls.PemTls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code config/mosquitto/} files on a real Mosquitto this test starts on a free port,
 * with certificates from a fleet CA: mutual TLS, the CRL, and the per-device pattern ACL. Each
 * refusal is checked at the client and in Mosquitto's own log.
 */
@Timeout(90)
class MosquittoTlsIT {
  @TempDir static Path folder;
  static FleetCa ca;
  static TestMosquitto mosquitto;
  static int port;
  static BigInteger revokedSerial;
  static SSLContext revokedTls;

  @BeforeAll
  static void startMosquitto() throws Exception {
    // The CA lives where a gateway using this Mosquitto keeps it (see
    // theGatewayAndAnEnrolledBox...).
    ca = FleetCa.loadOrCreate(folder.resolve("gateway").resolve("ca"), Clock.systemUTC());
    Path etc = folder.resolve("etc");
    ServiceCertificates.writeBrokerPem(ca, List.of("localhost", "127.0.0.1"), etc);
    KeyPair key = KeyPairs.generateP256();
    X509Certificate revoked = ca.issueClient("dev-revoked", Role.DEVICE, key.getPublic());
    revokedSerial = revoked.getSerialNumber();
    revokedTls = tls(key, revoked);
    Files.copy(ca.writeCrl(List.of(revokedSerial)), etc.resolve("crl.pem"));
    Files.copy(TestMosquitto.SHIPPED.resolve("acl"), etc.resolve("acl"));
    mosquitto = new TestMosquitto(folder, etc, SecureGateway.freePort());
    port = mosquitto.port;
  }

  @AfterAll
  static void stopMosquitto() throws Exception {
    if (mosquitto != null) {
      mosquitto.close();
    }
  }

  private static SSLContext tls(KeyPair key, X509Certificate cert) {
    return PemTls.context(
        KeyPairs.toPem(key.getPrivate()), PemTls.toPem(cert), ca.certificatePem());
  }

  private static SSLContext client(String cn, Role role) {
    KeyPair key = KeyPairs.generateP256();
    return tls(key, ca.issueClient(cn, role, key.getPublic()));
  }

  private static MqttAsyncClient connect(String clientId, SSLContext tls) throws Exception {
    MqttAsyncClient client =
        new MqttAsyncClient("ssl://localhost:" + port, clientId, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setSocketFactory(tls.getSocketFactory());
    options.setConnectionTimeout(10);
    try {
      client.connect(options).waitForCompletion(15_000);
    } catch (MqttException e) {
      client.close(true);
      throw e;
    }
    return client;
  }

  private static void awaitLog(String... fragments) throws Exception {
    mosquitto.awaitLog(fragments);
  }

  @Test
  void aDevicePublishesOnItsOwnTopicAndTheGatewayReceivesIt() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    MqttAsyncClient gateway = connect("vigil-gw-1-telemetry-1", client("vigil-gw-1", Role.GATEWAY));
    gateway.setCallback(new TestMosquitto.Collector(received));
    gateway
        .subscribe(new MqttSubscription("$share/vigil-gw/vigil/v1/d/+/up/#", 1))
        .waitForCompletion(10_000);
    MqttAsyncClient box = connect("vigil-dev-a", client("dev-a", Role.DEVICE));
    box.publish("vigil/v1/d/dev-a/up/pos", new MqttMessage(new byte[] {1}, 1, false, null))
        .waitForCompletion(10_000);
    assertEquals("vigil/v1/d/dev-a/up/pos", received.poll(10, TimeUnit.SECONDS));

    IMqttToken denied =
        box.publish("vigil/v1/d/dev-b/up/pos", new MqttMessage(new byte[] {2}, 1, false, null));
    try {
      denied.waitForCompletion(10_000);
    } catch (MqttException refused) {
      // The PUBACK's reason code is checked below.
    }
    assertEquals(135, denied.getReasonCodes()[0], "PUBACK 0x87 not authorized");
    awaitLog("Denied PUBLISH from vigil-dev-a", "vigil/v1/d/dev-b/up/pos");
    assertNull(received.poll(1, TimeUnit.SECONDS), "nothing reached the gateway");

    // Mosquitto grants any SUBSCRIBE and applies "read" rules to each message it would deliver:
    // A subscribed to B's downlink never receives B's messages, while B does.
    BlockingQueue<String> atA = new LinkedBlockingQueue<>();
    BlockingQueue<String> atB = new LinkedBlockingQueue<>();
    box.setCallback(new TestMosquitto.Collector(atA));
    box.subscribe(new MqttSubscription("vigil/v1/d/dev-b/down/#", 1)).waitForCompletion(10_000);
    MqttAsyncClient boxB = connect("vigil-dev-b", client("dev-b", Role.DEVICE));
    boxB.setCallback(new TestMosquitto.Collector(atB));
    boxB.subscribe(new MqttSubscription("vigil/v1/d/dev-b/down/#", 1)).waitForCompletion(10_000);
    gateway
        .publish("vigil/v1/d/dev-b/down/ack", new MqttMessage(new byte[] {4}, 1, false, null))
        .waitForCompletion(10_000);
    assertEquals("vigil/v1/d/dev-b/down/ack", atB.poll(10, TimeUnit.SECONDS));
    assertNull(atA.poll(1, TimeUnit.SECONDS), "B's downlink never reached A");
    boxB.disconnect().waitForCompletion(5_000);
    box.disconnect().waitForCompletion(5_000);
    gateway.disconnect().waitForCompletion(5_000);
  }

  @Test
  void aClientWithoutCertificateIsRefusedInTheHandshake() throws Exception {
    SSLContext trustOnly = SSLContext.getInstance("TLS");
    trustOnly.init(null, PemTls.trust(ca.certificatePem()).getTrustManagers(), null);
    assertThrows(MqttException.class, () -> connect("vigil-nocert", trustOnly));
    awaitLog("peer did not return a certificate");
  }

  @Test
  void aCertificateFromAnotherCaIsRefusedInTheHandshake() throws Exception {
    FleetCa other = FleetCa.loadOrCreate(folder.resolve("other-ca"), Clock.systemUTC());
    KeyPair key = KeyPairs.generateP256();
    SSLContext forged =
        PemTls.context(
            KeyPairs.toPem(key.getPrivate()),
            PemTls.toPem(other.issueClient("dev-a", Role.DEVICE, key.getPublic())),
            ca.certificatePem());
    assertThrows(MqttException.class, () -> connect("vigil-dev-a", forged));
    awaitLog("certificate verify failed");
  }

  @Test
  void aRevokedCertificateIsRefusedThroughTheCrl() throws Exception {
    assertThrows(MqttException.class, () -> connect("vigil-dev-revoked", revokedTls));
    // OpenSSL reports a revoked certificate as a failed verification.
    awaitLog("certificate verify failed");
    // The same CA's certificate for the same name, not on the list, is accepted.
    connect("vigil-dev-revoked", client("dev-revoked", Role.DEVICE))
        .disconnect()
        .waitForCompletion(5_000);
  }

  @Test
  void aRevocationTakesEffectAfterTheNewCrlIsCopiedAndMosquittoGetsSighup() throws Exception {
    KeyPair key = KeyPairs.generateP256();
    X509Certificate cert = ca.issueClient("dev-late", Role.DEVICE, key.getPublic());
    connect("vigil-dev-late", tls(key, cert)).disconnect().waitForCompletion(5_000);
    Path crl = ca.writeCrl(List.of(revokedSerial, cert.getSerialNumber()));
    Files.copy(crl, folder.resolve("etc").resolve("crl.pem"), StandardCopyOption.REPLACE_EXISTING);
    new ProcessBuilder("kill", "-HUP", Long.toString(mosquitto.pid())).start().waitFor();
    awaitLog("Reloading config");
    assertThrows(MqttException.class, () -> connect("vigil-dev-late", tls(key, cert)));
  }

  @Test
  void aCertificateNameWithAWildcardGetsNoTopics() throws Exception {
    MqttAsyncClient box = connect("vigil-x", client("dev+x", Role.DEVICE));
    IMqttToken denied =
        box.publish("vigil/v1/d/dev-x/up/pos", new MqttMessage(new byte[] {3}, 1, false, null));
    try {
      denied.waitForCompletion(10_000);
    } catch (MqttException refused) {
      // The PUBACK's reason code is checked below.
    }
    assertEquals(135, denied.getReasonCodes()[0]);
    awaitLog("Denied PUBLISH from vigil-x");
    box.disconnect().waitForCompletion(5_000);
  }

  @Test
  void theGatewayAndAnEnrolledBoxTalkThroughThisMosquittoOverMutualTls() throws Exception {
    Map<String, String> settings =
        Map.of(
            "data.dir", folder.resolve("gateway").toString(),
            "http.port", "0",
            "mqtt.url", "ssl://localhost:" + port,
            "mqtt.client-id", "vigil-gw-1",
            "mqtt.session-expiry-s", "0");
    try (Gateway gateway = Gateway.start(GatewayConfig.load(Optional.empty(), settings))) {
      Path box = folder.resolve("box");
      ByteArrayOutputStream token = new ByteArrayOutputStream();
      String[] args = {"--vehicle", "VEH-M", "data.dir=" + folder.resolve("gateway")};
      EnrolCommands.createToken(
          Arguments.parse(args, 0), new PrintStream(token, true), Clock.systemUTC());
      Enroller.enrol(
          new Enroller.Request(
              URI.create("http://127.0.0.1:" + gateway.httpPort()),
              token.toString().lines().findFirst().orElseThrow(),
              "dev-m",
              box),
          new PrintStream(new ByteArrayOutputStream()));
      long stored = gateway.counters().storedCount();
      Map<String, String> device =
          Map.of(
              "data.dir", box.toString(),
              "gnss.replay.file", "../scripts/data/munich-gps.nmea",
              "gnss.replay.speed", "20",
              "position.interval-ms", "200");
      try (Device agent = Device.start(DeviceConfig.load(Optional.empty(), device))) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (gateway.counters().storedCount() < stored + 3 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertTrue(gateway.counters().storedCount() >= stored + 3, "positions stored");
      }
    }
  }
}
