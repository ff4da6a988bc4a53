package dev.vigil.device.link;

import dev.vigil.device.outbox.Lane;
import dev.vigil.device.outbox.OutboxRecord;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.UpKind;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.envelope.Suite;
import java.io.IOException;

/**
 * Seals each record for the gateway: every message gets the next sequence number, is encrypted
 * under the device's uplink key and bound to its topic. The broker sees only topic and ciphertext.
 */
public final class SealedUplink {
  private final String deviceId;
  private volatile EnvelopeKey key;
  private final Suite suite;
  private final SequenceCounter sequence;

  public SealedUplink(String deviceId, EnvelopeKey key, Suite suite, SequenceCounter sequence) {
    this.deviceId = deviceId;
    this.key = key;
    this.suite = suite;
    this.sequence = sequence;
  }

  /** Seals from now on under {@code next} (a new key epoch); records already sealed keep theirs. */
  public void switchTo(EnvelopeKey next) {
    this.key = next;
  }

  /** The key epoch records are sealed under now. */
  public int epoch() {
    return key.epoch();
  }

  /** Seals a record for its lane; the sequence number is reserved on disk before it is used. */
  public OutboxRecord seal(UpKind kind, Lane lane, byte[] plaintext) throws IOException {
    String topic = Topics.up(deviceId, kind);
    long seq = sequence.next();
    return new OutboxRecord(seq, lane, topic, Envelope.seal(key, suite, topic, seq, plaintext));
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
