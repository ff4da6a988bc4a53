package dev.vigil.device.trip;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.device.link.DownlinkKeys;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.OpenResult;
import dev.vigil.protocol.envelope.Opened;
import dev.vigil.protocol.envelope.Rejected;
import dev.vigil.protocol.pb.Trip;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * Opens {@code down/trip} messages: only an envelope sealed under one of this device's downlink
 * keys (any epoch it knows) for this topic counts, so nobody but the gateway can set or end the
 * vehicle's trip. Anything else is logged and ignored. Freshness (the sequence number) is {@link
 * CurrentTrip}'s business.
 */
public final class TripDownlink {
  /** A genuine trip message and the envelope sequence number it was sealed with. */
  public record Received(long seq, int keyEpoch, Trip trip) {}

  private final String topic;
  private final DownlinkKeys keys;

  public TripDownlink(String topic, DownlinkKeys keys) {
    this.topic = topic;
    this.keys = keys;
  }

  public Optional<Received> open(byte[] message) {
    OpenResult result = Envelope.open(topic, message, keys::forEpoch);
    if (result instanceof Rejected rejected) {
      Logger.warn("ignored a message on {}: {} ({})", topic, rejected.reason(), rejected.detail());
      return Optional.empty();
    }
    Opened opened = (Opened) result;
    try {
      Trip trip = Trip.parseFrom(opened.plaintext());
      return Optional.of(new Received(opened.header().seq(), opened.header().epoch(), trip));
    } catch (InvalidProtocolBufferException e) {
      Logger.warn("ignored an undecodable trip on {}: {}", topic, e.getMessage());
      return Optional.empty();
    }
  }
}
