package dev.vigil.gateway.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.Device;
import dev.vigil.device.DeviceConfig;
import dev.vigil.gateway.broker.SecureGateway;
import dev.vigil.gateway.broker.TestLog;
import dev.vigil.gateway.ingest.DropReason;
import dev.vigil.gateway.ingest.IngestCounters;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.UpKind;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.envelope.Suite;
import dev.vigil.protocol.pb.FixMode;
import dev.vigil.protocol.pb.Position;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key rotation on a real gateway with a real, enrolled agent: {@code vigil-gateway keys rotate}
 * begins epoch 2, the agent is told on {@code down/config} and switches while it keeps reporting;
 * the old epoch is accepted during the grace period and dropped (counted, logged) after it.
 */
class KeyRotationIT {
  @TempDir Path folder;

  @Test
  @Timeout(120)
  void anAgentFollowsARotationAndTheOldEpochEndsAfterItsGrace() throws Exception {
    try (SecureGateway fleet = new SecureGateway(folder, Map.of("keys.grace-h", "1"))) {
      String deviceId = "box-rot-" + fleet.run;
      Path data = fleet.enrol(deviceId, "VEH-ROT");
      IngestCounters counters = fleet.gateway.counters();
      Map<String, String> hardwareOnly =
          Map.of(
              "data.dir", data.toString(),
              "gnss.replay.file", "../scripts/data/munich-gps.nmea",
              "gnss.replay.speed", "20",
              "position.interval-ms", "200");
      try (Device device = Device.start(DeviceConfig.load(Optional.empty(), hardwareOnly))) {
        awaitAtLeast(counters::storedCount, 3);
        assertEquals(1, device.keyEpoch());
        assertTrue(fleet.rotateKeys().startsWith("key epoch 2 begins now"));
        awaitAtLeast(() -> device.keyEpoch(), 2);
        long afterSwitch = counters.storedCount();
        awaitAtLeast(counters::storedCount, afterSwitch + 5);
        awaitAtLeast(() -> device.outboxWaiting() < 5 ? 1 : 0, 1);
      }
      assertEquals(
          0, counters.droppedCount(DropReason.UNKNOWN_KEY_EPOCH), "nothing lost in the switch");

      // An epoch-1 envelope (a box's backlog from before the rotation) within the grace period.
      EnvelopeKey old = SecureGateway.uplinkKey(data, deviceId);
      assertEquals(1, old.epoch());
      MqttClient box = fleet.connect("vigil-" + deviceId, SecureGateway.boxTls(data));
      String topic = Topics.up(deviceId, UpKind.POS);
      long stored = counters.storedCount();
      box.publish(topic, sealed(old, topic, 50_000_001));
      awaitAtLeast(counters::storedCount, stored + 1);

      TestLog log = TestLog.fromNow();
      fleet.clock.advance(Duration.ofHours(1).plusMinutes(1));
      try {
        box.publish(topic, sealed(old, topic, 50_000_002));
        awaitAtLeast(() -> counters.droppedCount(DropReason.UNKNOWN_KEY_EPOCH), 1);
        log.await("dropped message on " + topic, "UNKNOWN_KEY_EPOCH");
      } finally {
        fleet.clock.advance(Duration.ofHours(1).plusMinutes(1).negated());
      }
      assertEquals(stored + 1, counters.storedCount(), "the late old-epoch message was not stored");
      box.disconnect();
      box.close();
    }
  }

  private static MqttMessage sealed(EnvelopeKey key, String topic, long seq) {
    byte[] position =
        Position.newBuilder()
            .setFixTimeMs(Instant.parse("2026-11-22T10:00:00Z").toEpochMilli() + seq)
            .setLatDeg(48.137)
            .setLonDeg(11.575)
            .setSpeedMps(8.5f)
            .setFixMode(FixMode.FIX_MODE_3D)
            .build()
            .toByteArray();
    return new MqttMessage(
        Envelope.seal(key, Suite.AES_256_GCM, topic, seq, position), 1, false, null);
  }

  private static void awaitAtLeast(LongSupplier value, long atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (value.getAsLong() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(value.getAsLong() >= atLeast, "reached " + value.getAsLong() + " < " + atLeast);
  }
}
