package dev.vigil.gateway.trips;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.gateway.registry.DeviceRegistry;
import dev.vigil.gateway.trips.TripStore.StoredTrip;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tinylog.Logger;

/**
 * The trips feature: a trip is stored first, then pushed to the vehicle's devices; ending it is
 * stored and pushed likewise. What the API returns is {@link #view}.
 */
public final class Trips {
  /** A trip and the devices whose broker delivery succeeded just now. */
  public record Pushed(StoredTrip trip, List<String> pushedTo) {}

  private final TripStore store;
  private final DeviceRegistry registry;
  private final TripPusher pusher;
  private final Clock clock;

  public Trips(TripStore store, DeviceRegistry registry, TripPusher pusher, Clock clock) {
    this.store = store;
    this.registry = registry;
    this.pusher = pusher;
    this.clock = clock;
  }

  /**
   * @throws InvalidTrip when the vehicle has no registered device
   * @throws TripStore.VehicleBusy when the vehicle is already on a running trip
   */
  public Pushed create(TripPlan plan) throws Exception {
    if (registry.devicesOf(plan.vehicleId()).isEmpty()) {
      throw new InvalidTrip("vehicleId", "has no registered device: " + plan.vehicleId());
    }
    StoredTrip trip =
        new StoredTrip(
            UUID.randomUUID().toString(),
            plan.vehicleId(),
            clock.instant(),
            Optional.empty(),
            TripPlans.toJson(plan).toString());
    store.create(trip);
    Logger.info("trip {} created for vehicle {}", trip.tripId(), trip.vehicleId());
    return new Pushed(trip, pusher.push(wire(trip)));
  }

  /** Ends a running trip and pushes the end; an ended trip is returned as it is, not pushed. */
  public Optional<Pushed> end(String tripId) throws Exception {
    Optional<StoredTrip> before = store.find(tripId);
    if (before.isEmpty() || before.get().endedAt().isPresent()) {
      return before.map(trip -> new Pushed(trip, List.of()));
    }
    StoredTrip ended = store.end(tripId, clock.instant()).orElseThrow();
    Logger.info("trip {} ended", tripId);
    return Optional.of(new Pushed(ended, pusher.push(wire(ended))));
  }

  /**
   * Sends the trip's current state again, with a new sequence number: for a box enrolled again with
   * a new key (it cannot open the retained copy sealed for its old key), or after a push the broker
   * refused.
   */
  public Optional<Pushed> push(String tripId) throws Exception {
    Optional<StoredTrip> trip = store.find(tripId);
    if (trip.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Pushed(trip.get(), pusher.push(wire(trip.get()))));
  }

  public Optional<StoredTrip> find(String tripId) throws Exception {
    return store.find(tripId);
  }

  /** The trip as the API shows it: id, state, times, then the plan's fields. */
  public static ObjectNode view(StoredTrip trip) {
    ObjectNode json = TripPlans.toJson(plan(trip));
    ObjectNode view = json.objectNode();
    view.put("tripId", trip.tripId());
    view.put("state", trip.endedAt().isPresent() ? "ENDED" : "RUNNING");
    view.put("createdAt", trip.createdAt().toString());
    view.put("endedAt", trip.endedAt().map(Instant::toString).orElse(null));
    view.setAll(json);
    return view;
  }

  private static TripPlan plan(StoredTrip trip) {
    return TripPlans.parse(trip.planJson().getBytes(StandardCharsets.UTF_8));
  }

  private static dev.vigil.protocol.pb.Trip wire(StoredTrip trip) {
    return plan(trip).toWire(trip.tripId(), trip.createdAt(), trip.endedAt());
  }
}
