package dev.vigil.device.trip;

import dev.vigil.protocol.pb.Trip;
import java.util.Optional;

/** Told when the vehicle's current trip changes: a new trip, or none after the trip ended. */
public interface TripListener {
  void onTripChanged(Optional<Trip> current);
}
