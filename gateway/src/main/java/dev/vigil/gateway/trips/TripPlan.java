package dev.vigil.gateway.trips;

import dev.vigil.protocol.pb.LatLon;
import dev.vigil.protocol.pb.Trip;
import dev.vigil.protocol.pb.TripStop;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A validated trip request ({@code POST /api/trips}): what the operator plans, in the API's units.
 * Built only by {@link TripPlans#parse}, so every instance is within the documented limits.
 *
 * @param corridorM half-width of the corridor around the route; 0 = the device's default
 */
public record TripPlan(
    String vehicleId,
    List<Point> route,
    double corridorM,
    List<Stop> stops,
    Stop destination,
    Optional<Instant> eta,
    boolean passengerOnBoard,
    boolean cargoOnBoard,
    boolean recordingRequired) {

  /** A WGS-84 position in degrees. */
  public record Point(double latDeg, double lonDeg) {
    LatLon toWire() {
      return LatLon.newBuilder().setLatDeg(latDeg).setLonDeg(lonDeg).build();
    }
  }

  /** A place where standing still is expected, within {@code radiusM} of {@code at}. */
  public record Stop(String name, Point at, double radiusM) {
    TripStop toWire() {
      return TripStop.newBuilder()
          .setName(name)
          .setAt(at.toWire())
          .setRadiusM((float) radiusM)
          .build();
    }
  }

  /** The wire message for {@code down/trip}: this plan as trip {@code tripId}. */
  public Trip toWire(String tripId, Instant startedAt, Optional<Instant> endedAt) {
    Trip.Builder trip =
        Trip.newBuilder()
            .setTripId(tripId)
            .setVehicleId(vehicleId)
            .setCorridorM((float) corridorM)
            .setDestination(destination.toWire())
            .setEtaMs(eta.map(Instant::toEpochMilli).orElse(0L))
            .setPassengerOnBoard(passengerOnBoard)
            .setCargoOnBoard(cargoOnBoard)
            .setRecordingRequired(recordingRequired)
            .setStartedAtMs(startedAt.toEpochMilli())
            .setEndedAtMs(endedAt.map(Instant::toEpochMilli).orElse(0L));
    route.forEach(point -> trip.addRoute(point.toWire()));
    stops.forEach(stop -> trip.addStops(stop.toWire()));
    return trip.build();
  }
}
