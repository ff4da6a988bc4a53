package dev.vigil.device.link;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.OpenResult;
import dev.vigil.protocol.envelope.Opened;
import dev.vigil.protocol.envelope.Rejected;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * Opens one downlink topic's messages: only an envelope sealed for this topic under one of this
 * device's downlink keys, holding a well-formed {@code T}, counts. Anything else is logged with the
 * topic and ignored, so nobody but the gateway can speak to the vehicle. Freshness (the envelope
 * sequence number) is the caller's business: {@link #openSealed} hands it over.
 *
 * @param <T> the protobuf message the topic carries
 */
public final class SealedDownlink<T> {
  /** A genuine message with the envelope sequence number and key epoch it was sealed with. */
  public record Sealed<T>(long seq, int keyEpoch, T message) {}

  private final String topic;
  private final DownlinkKeys keys;
  private final Parser<T> parser;

  public SealedDownlink(String topic, DownlinkKeys keys, Parser<T> parser) {
    this.topic = topic;
    this.keys = keys;
    this.parser = parser;
  }

  public String topic() {
    return topic;
  }

  /** The message, or empty when it is not a genuine one. */
  public Optional<T> open(byte[] message) {
    return openSealed(message).map(Sealed::message);
  }

  /** The message with its envelope header's sequence number and epoch, when it is genuine. */
  public Optional<Sealed<T>> openSealed(byte[] message) {
    OpenResult result = Envelope.open(topic, message, keys::forEpoch);
    if (result instanceof Rejected rejected) {
      Logger.warn("ignored a message on {}: {} ({})", topic, rejected.reason(), rejected.detail());
      return Optional.empty();
    }
    Opened opened = (Opened) result;
    try {
      T parsed = parser.parseFrom(opened.plaintext());
      return Optional.of(new Sealed<>(opened.header().seq(), opened.header().epoch(), parsed));
    } catch (InvalidProtocolBufferException e) {
      Logger.warn("ignored an undecodable message on {}: {}", topic, e.getMessage());
      return Optional.empty();
    }
  }
}
