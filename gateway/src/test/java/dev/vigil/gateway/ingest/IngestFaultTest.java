package dev.vigil.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.registry.DeviceRegistry;
import dev.vigil.gateway.store.Database;
import dev.vigil.gateway.store.TelemetryStore;
import dev.vigil.gateway.store.Uplink;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.UpKind;
import dev.vigil.protocol.alert.ControlAlert;
import dev.vigil.protocol.envelope.Direction;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.envelope.Suite;
import dev.vigil.protocol.pb.FixMode;
import dev.vigil.protocol.pb.Position;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An unexpected exception while storing (a bug, not a database failure) must cost only the messages
 * it touched, left unacknowledged so the devices send them again, and never the writer thread: a
 * dead lane would silently stop storing everything after it.
 */
class IngestFaultTest {
  private static final String DEVICE = "dev-fault";

  /** Throws a RuntimeException on the first batch, then stores by (deviceId, seq). */
  private static final class FlakyStore implements TelemetryStore {
    final AtomicInteger calls = new AtomicInteger();
    final Set<Long> stored = ConcurrentHashMap.newKeySet();

    @Override
    public int storeBatch(List<Uplink> uplinks) {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("a bug in the store");
      }
      int fresh = 0;
      for (Uplink uplink : uplinks) {
        fresh += stored.add(uplink.origin().seq()) ? 1 : 0;
      }
      return fresh;
    }

    @Override
    public boolean storeAlarm(Uplink.AlarmReport alarm, ControlAlert alert) {
      throw new UnsupportedOperationException("alarms go through AlertService");
    }

    @Override
    public List<ControlAlert> recentAlerts(int limit) {
      return List.of();
    }

    @Override
    public List<StoredPosition> positions(String vehicleId, Instant from, Instant to, int limit) {
      return List.of();
    }
  }

  @Test
  @Timeout(30)
  void aFailedBatchIsNotAcknowledgedAndTheLaneGoesOn() throws Exception {
    Database database = new Database("jdbc:h2:mem:ingest-fault;DB_CLOSE_DELAY=-1", "", "");
    database.migrate();
    KeyPair gateway = KeyPairs.generateP256();
    KeyPair device = KeyPairs.generateP256();
    DeviceRegistry registry = new DeviceRegistry(database);
    registry.register(DEVICE, "VEH-FAULT", KeyPairs.toPem(device.getPublic()), Instant.now());
    EnvelopeKey key =
        EnvelopeKey.derive(device.getPrivate(), gateway.getPublic(), DEVICE, 1, Direction.UPLINK);

    FlakyStore store = new FlakyStore();
    IngestCounters counters = new IngestCounters();
    Ingest ingest =
        new Ingest(
            new IngestSources(registry, gateway.getPrivate(), 1),
            (topic, payload) -> {},
            store,
            null, // no alarms in this test
            Presence.NONE,
            counters,
            Clock.systemUTC(),
            16,
            1);
    ingest.start();
    try {
      String topic = Topics.up(DEVICE, UpKind.POS);
      AtomicInteger brokerAcks = new AtomicInteger();
      ingest.offer(topic, sealed(key, topic, 1), () -> brokerAcks.incrementAndGet());
      while (store.calls.get() == 0) {
        Thread.sleep(5);
      }
      assertEquals(0, brokerAcks.get(), "a batch that failed is not acknowledged");

      // The device sends seq 1 again (its outbox never saw an ack) together with seq 2.
      CountDownLatch acked = new CountDownLatch(2);
      ingest.offer(topic, sealed(key, topic, 1), acked::countDown);
      ingest.offer(topic, sealed(key, topic, 2), acked::countDown);
      assertTrue(acked.await(10, TimeUnit.SECONDS), "the lane kept storing after the failure");
      assertEquals(Set.of(1L, 2L), store.stored);
      assertEquals(0, brokerAcks.get());
      assertEquals(1L, counters.snapshot().get("storeFailures"), "the failure is counted");
    } finally {
      ingest.close();
    }
  }

  private static byte[] sealed(EnvelopeKey key, String topic, long seq) {
    byte[] position =
        Position.newBuilder()
            .setFixTimeMs(Instant.parse("2026-11-22T10:00:00Z").plusSeconds(seq).toEpochMilli())
            .setLatDeg(48.137)
            .setLonDeg(11.575)
            .setFixMode(FixMode.FIX_MODE_3D)
            .build()
            .toByteArray();
    return Envelope.seal(key, Suite.AES_256_GCM, topic, seq, position);
  }
}
