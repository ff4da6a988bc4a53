package dev.vigil.gateway.trips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.protocol.pb.Trip;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TripPlansTest {
  static final String EXAMPLE =
      """
      {"vehicleId": "VEH-0042",
       "route": [[48.13743, 11.57549], [48.14020, 11.58010], [48.35380, 11.78610]],
       "corridorM": 150,
       "stops": [{"name": "Pick-up", "lat": 48.13743, "lon": 11.57549, "radiusM": 50}],
       "destination": {"name": "Airport T2", "lat": 48.3538, "lon": 11.7861, "radiusM": 300},
       "eta": "2026-11-23T15:30:00+01:00",
       "passengerOnBoard": true, "cargoOnBoard": false, "recordingRequired": true}
      """;

  private static TripPlan parse(String json) {
    return TripPlans.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String fieldAtFault(String json) {
    return assertThrows(InvalidTrip.class, () -> parse(json)).field();
  }

  @Test
  void aFullRequestBecomesTheWireTrip() {
    Trip trip =
        parse(EXAMPLE).toWire("t-1", Instant.parse("2026-11-23T13:00:00Z"), Optional.empty());

    assertEquals("t-1", trip.getTripId());
    assertEquals("VEH-0042", trip.getVehicleId());
    assertEquals(3, trip.getRouteCount());
    assertEquals(48.1402, trip.getRoute(1).getLatDeg(), 1e-9);
    assertEquals(11.5801, trip.getRoute(1).getLonDeg(), 1e-9);
    assertEquals(150f, trip.getCorridorM());
    assertEquals("Pick-up", trip.getStops(0).getName());
    assertEquals(50f, trip.getStops(0).getRadiusM());
    assertEquals("Airport T2", trip.getDestination().getName());
    assertEquals(Instant.parse("2026-11-23T14:30:00Z").toEpochMilli(), trip.getEtaMs());
    assertTrue(
        trip.getPassengerOnBoard() && trip.getRecordingRequired() && !trip.getCargoOnBoard());
    assertEquals(Instant.parse("2026-11-23T13:00:00Z").toEpochMilli(), trip.getStartedAtMs());
    assertEquals(0, trip.getEndedAtMs());
  }

  @Test
  void theShownPlanReadsBackAsTheSamePlan() {
    TripPlan plan = parse(EXAMPLE);
    assertEquals(plan, parse(TripPlans.toJson(plan).toString()));
  }

  @Test
  void onlyVehicleAndDestinationAreRequiredAndDefaultsAreFilledIn() {
    TripPlan plan =
        parse("{\"vehicleId\": \"V-1\", \"destination\": {\"lat\": 48.1, \"lon\": 11.5}}");
    assertTrue(plan.route().isEmpty() && plan.stops().isEmpty() && plan.eta().isEmpty());
    assertEquals(0, plan.corridorM());
    assertEquals(TripPlans.DEFAULT_RADIUS_M, plan.destination().radiusM());
  }

  @Test
  void eachBadFieldIsNamed() {
    String dest = "\"destination\": {\"lat\": 48.1, \"lon\": 11.5}";
    assertEquals("body", fieldAtFault("[1, 2]"));
    assertEquals("body", fieldAtFault("{\"vehicleId\": "));
    assertEquals("vehicleId", fieldAtFault("{" + dest + "}"));
    assertEquals("vehicleId", fieldAtFault("{\"vehicleId\": \"V/#\", " + dest + "}"));
    assertEquals("destination", fieldAtFault("{\"vehicleId\": \"V-1\"}"));
    assertEquals(
        "passengerOnboard",
        fieldAtFault("{\"vehicleId\": \"V-1\", " + dest + ", \"passengerOnboard\": true}"));
    assertEquals(
        "route[1][0]",
        fieldAtFault("{\"vehicleId\": \"V-1\", " + dest + ", \"route\": [[48, 11], [91, 11]]}"));
    assertEquals(
        "route", fieldAtFault("{\"vehicleId\": \"V-1\", " + dest + ", \"route\": [[48, 11]]}"));
    assertEquals(
        "eta", fieldAtFault("{\"vehicleId\": \"V-1\", " + dest + ", \"eta\": \"tomorrow\"}"));
    assertEquals(
        "corridorM", fieldAtFault("{\"vehicleId\": \"V-1\", " + dest + ", \"corridorM\": 3}"));
    assertEquals(
        "stops[0].radiusM",
        fieldAtFault(
            "{\"vehicleId\": \"V-1\", "
                + dest
                + ", \"stops\": [{\"lat\": 1, \"lon\": 2, \"radiusM\": -4}]}"));
    assertEquals(
        "destination.lon",
        fieldAtFault("{\"vehicleId\": \"V-1\", \"destination\": {\"lat\": 48.1}}"));
    assertEquals(
        "cargoOnBoard",
        fieldAtFault("{\"vehicleId\": \"V-1\", " + dest + ", \"cargoOnBoard\": \"yes\"}"));
  }

  @Test
  void theLargestAllowedTripStillFitsOneEnvelope() {
    StringBuilder json = new StringBuilder("{\"vehicleId\": \"V-1\", \"route\": [");
    for (int i = 0; i < TripPlans.MAX_ROUTE_POINTS; i++) {
      json.append(i == 0 ? "" : ",").append("[48.123456789, 11.123456789]");
    }
    json.append("], \"stops\": [");
    for (int i = 0; i < TripPlans.MAX_STOPS; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"name\": \"")
          .append("x".repeat(TripPlans.MAX_NAME_CHARS))
          .append("\", \"lat\": 1, \"lon\": 2}");
    }
    json.append("], \"destination\": {\"lat\": 48.1, \"lon\": 11.5}}");
    Trip trip = parse(json.toString()).toWire("t", Instant.EPOCH, Optional.empty());
    assertTrue(
        trip.getSerializedSize() < dev.vigil.protocol.envelope.Envelope.MAX_PLAINTEXT_BYTES,
        trip.getSerializedSize() + " bytes");
  }
}
