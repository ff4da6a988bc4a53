package dev.vigil.device.trip;

import dev.vigil.protocol.pb.SavedTrip;
import dev.vigil.protocol.pb.Trip;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tinylog.Logger;

/**
 * The trip the vehicle is on, for the rest of the agent (alarms carry its id, detectors read its
 * route). Set only by genuine {@code down/trip} messages newer than the last one accepted, saved
 * before listeners hear of it, and loaded again at start.
 *
 * <p>Freshness: the gateway numbers trip messages from one increasing database sequence, shared by
 * every gateway and every key epoch, so a higher envelope sequence number is a newer message. The
 * number is compared across epochs too: after a key rotation, an old message sealed under the
 * previous epoch (which the device still accepts for a while) must not pass for a new one. A
 * message with the number already held is the broker's retained copy coming back after a reconnect:
 * ignored quietly. A lower one is a replay or a message overtaken on the way: refused and logged.
 */
public final class CurrentTrip {
  /** What became of an offered message. */
  public enum Outcome {
    ACCEPTED,
    ALREADY_HELD,
    REFUSED_AS_OLDER
  }

  private final TripFile file;
  private final List<TripListener> listeners = new CopyOnWriteArrayList<>();
  private volatile SavedTrip saved;

  private CurrentTrip(TripFile file, SavedTrip saved) {
    this.file = file;
    this.saved = saved;
  }

  /** The trip saved by the previous run, if any. An unreadable file stops the agent. */
  public static CurrentTrip open(TripFile file) throws IOException {
    CurrentTrip trip = new CurrentTrip(file, file.load().orElse(SavedTrip.getDefaultInstance()));
    trip.get().ifPresent(t -> Logger.info("on trip {} (saved)", t.getTripId()));
    return trip;
  }

  public Optional<Trip> get() {
    Trip trip = saved.getTrip();
    return running(trip) ? Optional.of(trip) : Optional.empty();
  }

  public Optional<String> tripId() {
    return get().map(Trip::getTripId);
  }

  public void addListener(TripListener listener) {
    listeners.add(listener);
  }

  public synchronized Outcome offer(TripDownlink.Received message) {
    if (message.seq() == saved.getDownlinkSeq()) {
      return Outcome.ALREADY_HELD;
    }
    if (message.seq() < saved.getDownlinkSeq()) {
      Logger.warn(
          "refused trip message {}: older than the one held ({})",
          message.seq(),
          saved.getDownlinkSeq());
      return Outcome.REFUSED_AS_OLDER;
    }
    Optional<Trip> before = get();
    adopt(message, before);
    Optional<Trip> after = get();
    if (!after.equals(before)) {
      Logger.info("trip now {}", after.map(Trip::getTripId).orElse("none"));
      listeners.forEach(listener -> listener.onTripChanged(after));
    }
    return Outcome.ACCEPTED;
  }

  /**
   * An ended trip clears the current one only if it is that trip: otherwise only its number counts.
   */
  private void adopt(TripDownlink.Received message, Optional<Trip> before) {
    Trip trip = message.trip();
    boolean endsAnother =
        !running(trip) && before.isPresent() && !before.get().getTripId().equals(trip.getTripId());
    SavedTrip next =
        SavedTrip.newBuilder()
            .setDownlinkSeq(message.seq())
            .setKeyEpoch(message.keyEpoch())
            .setTrip(endsAnother ? before.get() : trip)
            .build();
    try {
      file.save(next);
    } catch (IOException e) {
      // Acting on the trip matters more than the copy: the broker's retained message brings it
      // back after a restart.
      Logger.error(e, "trip {} could not be saved; kept in memory", trip.getTripId());
    }
    saved = next;
  }

  private static boolean running(Trip trip) {
    return !trip.getTripId().isEmpty() && trip.getEndedAtMs() == 0;
  }
}
