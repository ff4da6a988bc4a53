package dev.vigil.gateway.trips;

import dev.vigil.gateway.registry.DeviceRegistry;
import dev.vigil.protocol.DownKind;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.envelope.Direction;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.envelope.Suite;
import dev.vigil.protocol.pb.Trip;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import org.tinylog.Logger;

/**
 * Sends a trip to every device of its vehicle on {@code vigil/v1/d/{deviceId}/down/trip}: sealed
 * under the device's downlink key, QoS 1, <b>retained</b>. The broker keeps the latest trip message
 * per device and hands it over at every subscription, so a device that was off or in a tunnel when
 * the trip was created or ended gets it when it comes back, from any gateway, with no re-push logic
 * here.
 *
 * <p>A retained message is delivered again and again, and anyone who can publish to the topic could
 * put back an older sealed copy. Both are handled on the device: each message carries a sequence
 * number from the database's {@code trip_downlink_seq} (higher than every earlier trip message of
 * any gateway), and the device accepts only a higher number than the one it holds.
 *
 * <p>Trips are sealed under the key epoch in force ({@code KeyEpochs}). A box that was away during
 * a rotation learns the new epoch on {@code down/config}; the retained trip reaches it again on its
 * next connection, or at once with {@code POST /api/trips/{id}/push}.
 *
 * <p>Acknowledgements share the downlink key with random sequence numbers ({@code Acknowledger}); a
 * nonce collision between the two series needs a random 63-bit value to land on one of the few
 * numbers this series has used: negligible, as for the random series itself.
 */
public final class TripPusher {
  /** Publishes one retained QoS 1 message; completes when the broker has it. */
  public interface Downlink {
    CompletableFuture<Void> publishRetained(String topic, byte[] payload);
  }

  private final DeviceRegistry registry;
  private final TripStore store;
  private final PrivateKey gatewayKey;
  private final IntSupplier keyEpoch;
  private final Downlink downlink;

  public TripPusher(
      DeviceRegistry registry,
      TripStore store,
      PrivateKey gatewayKey,
      IntSupplier keyEpoch,
      Downlink downlink) {
    this.registry = registry;
    this.store = store;
    this.gatewayKey = gatewayKey;
    this.keyEpoch = keyEpoch;
    this.downlink = downlink;
  }

  /** Pushes {@code trip}; returns the ids of the devices whose message the broker accepted. */
  public List<String> push(Trip trip) throws Exception {
    List<String> pushed = new ArrayList<>();
    for (DeviceRegistry.Device device : registry.devicesOf(trip.getVehicleId())) {
      String topic = Topics.down(device.deviceId(), DownKind.TRIP);
      EnvelopeKey key =
          EnvelopeKey.derive(
              gatewayKey,
              device.publicKey(),
              device.deviceId(),
              keyEpoch.getAsInt(),
              Direction.DOWNLINK);
      byte[] sealed =
          Envelope.seal(key, Suite.AES_256_GCM, topic, store.nextDownlinkSeq(), trip.toByteArray());
      try {
        downlink.publishRetained(topic, sealed).get(10, TimeUnit.SECONDS);
        pushed.add(device.deviceId());
      } catch (ExecutionException | TimeoutException e) {
        Logger.error("trip {} not delivered to the broker for {}: {}", trip.getTripId(), topic, e);
      }
    }
    return pushed;
  }
}
