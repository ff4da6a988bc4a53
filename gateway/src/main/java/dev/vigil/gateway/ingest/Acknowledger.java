package dev.vigil.gateway.ingest;

import dev.vigil.protocol.DownKind;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.envelope.Suite;
import dev.vigil.protocol.pb.Ack;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Tells devices what the gateway has committed ({@code down/ack}), so their outboxes can let go.
 * Sent after the commit, never before; a lost ack costs a retransmission, which the store ignores
 * and acknowledges again, so acks go at QoS 0.
 *
 * <p>Downlink sequence numbers are random 64-bit values: stateless gateways sharing a fleet cannot
 * share a counter cheaply, and a collision under one key is negligible before 2^32 messages. An ack
 * carries no freshness and needs none: replaying one only repeats what was already true.
 */
public final class Acknowledger {
  /** Publishes one downlink message. */
  public interface Publisher {
    void publish(String topic, byte[] payload);
  }

  private final Function<String, Optional<EnvelopeKey>> keys;
  private final Publisher publisher;
  private final SecureRandom random = new SecureRandom();

  Acknowledger(Function<String, Optional<EnvelopeKey>> keys, Publisher publisher) {
    this.keys = keys;
    this.publisher = publisher;
  }

  void acknowledge(Map<String, List<Long>> seqsByDevice) {
    seqsByDevice.forEach(this::acknowledge);
  }

  /** Seals and publishes a message to a device whose key is cached; false when it is not. */
  boolean send(String deviceId, DownKind kind, byte[] plaintext) {
    Optional<EnvelopeKey> key = keys.apply(deviceId);
    if (key.isEmpty()) {
      return false;
    }
    String topic = Topics.down(deviceId, kind);
    long seq = random.nextLong() & Long.MAX_VALUE;
    publisher.publish(topic, Envelope.seal(key.get(), Suite.AES_256_GCM, topic, seq, plaintext));
    return true;
  }

  void acknowledge(String deviceId, List<Long> seqs) {
    Optional<EnvelopeKey> key = keys.apply(deviceId);
    if (key.isEmpty() || seqs.isEmpty()) {
      return;
    }
    String topic = Topics.down(deviceId, DownKind.ACK);
    byte[] ack = Ack.newBuilder().addAllSeqs(seqs).build().toByteArray();
    long seq = random.nextLong() & Long.MAX_VALUE;
    publisher.publish(topic, Envelope.seal(key.get(), Suite.AES_256_GCM, topic, seq, ack));
  }
}
