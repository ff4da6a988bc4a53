package dev.vigil.device.link;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.OpenResult;
import dev.vigil.protocol.envelope.Opened;
import dev.vigil.protocol.envelope.Rejected;
import dev.vigil.protocol.pb.Ack;
import java.util.List;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * Opens the gateway's end-to-end acknowledgements ({@code down/ack}): only an envelope sealed under
 * this device's downlink key counts, so nobody but the gateway can make the agent delete an unsent
 * record. Anything else is logged and ignored.
 */
public final class Acknowledgements {
  private final String topic;
  private final DownlinkKeys keys;

  public Acknowledgements(String topic, DownlinkKeys keys) {
    this.topic = topic;
    this.keys = keys;
  }

  /** The acknowledged sequence numbers, or empty when the message is not a genuine ack. */
  public Optional<List<Long>> open(byte[] message) {
    OpenResult result = Envelope.open(topic, message, keys::forEpoch);
    if (result instanceof Rejected rejected) {
      Logger.warn("ignored a message on {}: {} ({})", topic, rejected.reason(), rejected.detail());
      return Optional.empty();
    }
    try {
      return Optional.of(Ack.parseFrom(((Opened) result).plaintext()).getSeqsList());
    } catch (InvalidProtocolBufferException e) {
      Logger.warn("ignored an undecodable ack on {}: {}", topic, e.getMessage());
      return Optional.empty();
    }
  }
}
