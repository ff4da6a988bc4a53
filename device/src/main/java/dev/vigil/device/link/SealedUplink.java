package dev.vigil.device.link;

import dev.vigil.protocol.Topics;
import dev.vigil.protocol.UpKind;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.envelope.Suite;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Seals each record for the gateway and hands it to the link: every message gets the next sequence
 * number, is encrypted under the device's uplink key, and is bound to its topic. The broker sees
 * only the topic and ciphertext.
 */
public final class SealedUplink {
  private final String deviceId;
  private final EnvelopeKey key;
  private final Suite suite;
  private final SequenceCounter sequence;
  private final MqttLink link;

  public SealedUplink(
      String deviceId, EnvelopeKey key, Suite suite, SequenceCounter sequence, MqttLink link) {
    this.deviceId = deviceId;
    this.key = key;
    this.suite = suite;
    this.sequence = sequence;
    this.link = link;
  }

  /** Seals and publishes at QoS 1; completes when the broker has it. */
  public CompletableFuture<Void> send(UpKind kind, byte[] plaintext) {
    String topic = Topics.up(deviceId, kind);
    long seq;
    try {
      seq = sequence.next();
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    return link.publish(topic, Envelope.seal(key, suite, topic, seq, plaintext), 1, false);
  }

  /**
   * Seals a sample under a throwaway key and discards it: loads and compiles the sealing path at
   * start, so the first real panic does not pay ~100 ms of class loading (measured in the demo).
   */
  public void warmUp(byte[] sample) {
    var throwaway = dev.vigil.protocol.envelope.KeyPairs.generateP256();
    EnvelopeKey scratch =
        EnvelopeKey.derive(
            throwaway.getPrivate(), throwaway.getPublic(), deviceId, 1, key.direction());
    Envelope.seal(scratch, suite, Topics.up(deviceId, UpKind.ALARM), 1, sample);
  }
}
