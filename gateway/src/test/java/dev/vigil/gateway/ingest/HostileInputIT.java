package dev.vigil.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.device.provisioning.DeviceKeys;
import dev.vigil.gateway.Gateway;
import dev.vigil.gateway.GatewayConfig;
import dev.vigil.gateway.keys.GatewayKeys;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.UpKind;
import dev.vigil.protocol.envelope.Direction;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.envelope.Suite;
import dev.vigil.protocol.pb.FixMode;
import dev.vigil.protocol.pb.Position;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken uplink traffic through the real broker into the real gateway: each kind of bad
 * message is dropped and counted under its own reason, nothing bad is stored, and the gateway keeps
 * storing good messages afterwards.
 */
class HostileInputIT {
  @TempDir Path folder;

  @Test
  @Timeout(60)
  void badMessagesAreDroppedAndCountedWhileGoodOnesAreStoredOnce() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> settings =
        Map.of(
            "data.dir",
            folder.resolve("gw").toString(),
            "http.port",
            "0",
            "mqtt.embedded.port",
            Integer.toString(port),
            "mqtt.embedded.persistent",
            "false");
    try (Gateway gateway = Gateway.start(GatewayConfig.load(Optional.empty(), settings))) {
      PublicKey gatewayKey =
          KeyPairs.publicFromPem(
              Files.readString(folder.resolve("gw/keys").resolve(GatewayKeys.PUBLIC_FILE)));
      EnvelopeKey keyA = enrol(gateway, gatewayKey, "dev-a");
      enrol(gateway, gatewayKey, "dev-b");
      IngestCounters counters = gateway.counters();
      String topicA = Topics.up("dev-a", UpKind.POS);
      byte[] first = Envelope.seal(keyA, Suite.AES_256_GCM, topicA, 1, position(1));

      MqttClient attacker =
          new MqttClient(gateway.brokerUrl(), "attacker", new MemoryPersistence());
      attacker.connect();
      publish(attacker, topicA, first);
      await(counters::storedCount, 1);

      publish(attacker, topicA, first); // replay
      await(counters::duplicateCount, 1);

      publish(attacker, Topics.up("dev-b", UpKind.POS), first); // A's message on B's topic
      await(() -> counters.droppedCount(DropReason.WRONG_TOPIC), 1);

      byte[] flipped = first.clone();
      flipped[flipped.length - 5] ^= 0x01;
      publish(attacker, topicA, flipped);
      await(() -> counters.droppedCount(DropReason.AUTHENTICATION_FAILED), 1);

      publish(attacker, topicA, new byte[] {1, 2, 3});
      await(() -> counters.droppedCount(DropReason.TRUNCATED), 1);

      publish(attacker, Topics.up("dev-nobody", UpKind.POS), first);
      await(() -> counters.droppedCount(DropReason.UNKNOWN_DEVICE), 1);

      // '$' may not appear in a device id; the subscription's '+' still matches it.
      publish(attacker, "vigil/v1/d/dev$a/up/pos", first);
      await(() -> counters.droppedCount(DropReason.BAD_TOPIC), 1);

      publish(attacker, topicA, Envelope.seal(keyA, Suite.AES_256_GCM, topicA, 2, position(2)));
      await(counters::storedCount, 2);
      assertEquals(1, counters.duplicateCount(), "the replay was counted once and stored never");
      attacker.disconnect();
      attacker.close();
    }
  }

  private EnvelopeKey enrol(Gateway gateway, PublicKey gatewayKey, String deviceId)
      throws Exception {
    Path keys = folder.resolve(deviceId);
    Path publicKey = DeviceKeys.generate(keys);
    gateway
        .registry()
        .register(deviceId, "VEH-" + deviceId, Files.readString(publicKey), Instant.now());
    KeyPair own = DeviceKeys.load(keys);
    return EnvelopeKey.derive(own.getPrivate(), gatewayKey, deviceId, 1, Direction.UPLINK);
  }

  private static byte[] position(int second) {
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

  private static void publish(MqttClient client, String topic, byte[] payload) throws Exception {
    client.publish(topic, new MqttMessage(payload, 1, false, null));
  }

  /**
   * Waits until a counter reaches exactly {@code expected}; fails if it stays below or passes it.
   */
  private static void await(LongSupplier counter, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (counter.getAsLong() < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(expected, counter.getAsLong());
  }
}
