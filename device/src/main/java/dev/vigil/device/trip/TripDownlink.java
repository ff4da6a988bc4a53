package dev.vigil.device.trip;

import dev.vigil.device.link.DownlinkKeys;
import dev.vigil.device.link.SealedDownlink;
import dev.vigil.protocol.pb.Trip;
import java.util.Optional;

/**
 * Opens {@code down/trip} messages: only an envelope sealed under one of this device's downlink
 * keys (any epoch it knows) for this topic counts, so nobody but the gateway can set or end the
 * vehicle's trip. Anything else is logged and ignored (by {@link SealedDownlink}). Freshness (the
 * sequence number) is {@link CurrentTrip}'s business.
 */
public final class TripDownlink {
  /** A genuine trip message and the envelope sequence number it was sealed with. */
  public record Received(long seq, int keyEpoch, Trip trip) {}

  private final SealedDownlink<Trip> downlink;

  public TripDownlink(String topic, DownlinkKeys keys) {
    this.downlink = new SealedDownlink<>(topic, keys, Trip.parser());
  }

  public Optional<Received> open(byte[] message) {
    return downlink
        .openSealed(message)
        .map(opened -> new Received(opened.seq(), opened.keyEpoch(), opened.message()));
  }
}
