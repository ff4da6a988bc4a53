package dev.vigil.gateway.ingest;

import dev.vigil.protocol.DownKind;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.envelope.Suite;
import dev.vigil.protocol.pb.DeviceSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.tinylog.Logger;

/**
 * Key rotation, device side of the gateway: a device still sealing under an older epoch is told the
 * current one on {@code down/config}, sealed under the key of the epoch it used (the one it surely
 * holds). Sent at most once a minute per device, at QoS 0: the next old-epoch uplink asks again, so
 * a lost notice costs a minute, and a device away during the rotation hears of it on return.
 */
final class EpochNotices {
  static final Duration REPEAT_AFTER = Duration.ofMinutes(1);

  private final Function<String, Optional<EnvelopeKey>> keys;
  private final Acknowledger.Publisher publisher;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();

  EpochNotices(
      Function<String, Optional<EnvelopeKey>> keys, Acknowledger.Publisher publisher, Clock clock) {
    this.keys = keys;
    this.publisher = publisher;
    this.clock = clock;
  }

  void noteEpoch(String deviceId, int usedEpoch, int currentEpoch) {
    if (usedEpoch < 0 || usedEpoch >= currentEpoch) {
      return;
    }
    Instant now = clock.instant();
    Instant last = lastSent.get(deviceId);
    if (last != null && now.isBefore(last.plus(REPEAT_AFTER))) {
      return;
    }
    Optional<EnvelopeKey> key = keys.apply(deviceId);
    if (key.isEmpty()) {
      return;
    }
    lastSent.put(deviceId, now);
    String topic = Topics.down(deviceId, DownKind.CONFIG);
    byte[] body = DeviceSettings.newBuilder().setKeyEpoch(currentEpoch).build().toByteArray();
    long seq = random.nextLong() & Long.MAX_VALUE;
    publisher.publish(topic, Envelope.seal(key.get(), Suite.AES_256_GCM, topic, seq, body));
    Logger.info(
        "told device {} to move from key epoch {} to {}", deviceId, usedEpoch, currentEpoch);
  }
}
