package dev.vigil.device.safety;

import dev.vigil.device.safety.geo.Polyline;
import dev.vigil.protocol.pb.LatLon;
import dev.vigil.protocol.pb.Trip;
import dev.vigil.protocol.pb.TripStop;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The trip the detectors see: the wire {@link Trip}, checked and with its route projected once.
 *
 * @param route empty when the trip has fewer than two route points (no deviation check)
 * @param corridorM half-width of the corridor around the route
 * @param onBoard a passenger or cargo is on board (abnormal stops matter)
 */
public record TripPlan(
    String tripId,
    Optional<Polyline> route,
    double corridorM,
    List<Place> stops,
    Optional<Place> destination,
    Optional<Instant> eta,
    boolean onBoard,
    Optional<Instant> startedAt) {

  public TripPlan {
    stops = List.copyOf(stops);
  }

  /**
   * @param defaultCorridorM used when the trip says 0
   * @param defaultPlaceRadiusM used for a stop or destination whose radius is 0
   * @throws IllegalArgumentException for a trip without id or with a coordinate off the earth
   */
  public static TripPlan from(Trip trip, double defaultCorridorM, double defaultPlaceRadiusM) {
    if (trip.getTripId().isEmpty()) {
      throw new IllegalArgumentException("a trip needs a trip_id");
    }
    List<double[]> points = new ArrayList<>(trip.getRouteCount());
    for (LatLon point : trip.getRouteList()) {
      points.add(checked(point));
    }
    List<Place> stops = new ArrayList<>();
    for (TripStop stop : trip.getStopsList()) {
      stops.add(place(stop, defaultPlaceRadiusM));
    }
    return new TripPlan(
        trip.getTripId(),
        points.size() >= 2 ? Optional.of(new Polyline(points)) : Optional.empty(),
        trip.getCorridorM() > 0 ? trip.getCorridorM() : defaultCorridorM,
        stops,
        trip.hasDestination()
            ? Optional.of(place(trip.getDestination(), defaultPlaceRadiusM))
            : Optional.empty(),
        instant(trip.getEtaMs()),
        trip.getPassengerOnBoard() || trip.getCargoOnBoard(),
        instant(trip.getStartedAtMs()));
  }

  /** Whether a position is inside one of the trip's stops or its destination. */
  public boolean atPlannedPlace(double latDeg, double lonDeg) {
    for (Place stop : stops) {
      if (stop.contains(latDeg, lonDeg)) {
        return true;
      }
    }
    return destination.map(d -> d.contains(latDeg, lonDeg)).orElse(false);
  }

  private static Place place(TripStop stop, double defaultRadiusM) {
    double[] at = checked(stop.getAt());
    double radius = stop.getRadiusM() > 0 ? stop.getRadiusM() : defaultRadiusM;
    return new Place(stop.getName(), at[0], at[1], radius);
  }

  private static double[] checked(LatLon point) {
    double lat = point.getLatDeg();
    double lon = point.getLonDeg();
    if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) {
      throw new IllegalArgumentException("coordinate off the earth: " + lat + ", " + lon);
    }
    return new double[] {lat, lon};
  }

  private static Optional<Instant> instant(long ms) {
    return ms == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
  }
}
