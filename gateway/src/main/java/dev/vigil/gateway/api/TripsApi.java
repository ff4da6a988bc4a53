package dev.vigil.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.gateway.trips.InvalidTrip;
import dev.vigil.gateway.trips.TripPlans;
import dev.vigil.gateway.trips.TripStore;
import dev.vigil.gateway.trips.Trips;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * The trips endpoints (documented in the README, "Trips API"):
 *
 * <ul>
 *   <li>{@code POST /api/trips}: 201 with the trip ({@code tripId}, {@code pushedTo}); 400 {@code
 *       {"error", "field"}} for a bad request; 409 when the vehicle is already on a trip.
 *   <li>{@code POST /api/trips/{id}/end}: 200 with the ended trip; 404 if unknown.
 *   <li>{@code POST /api/trips/{id}/push}: sends the trip's state to the vehicle again; 200.
 *   <li>{@code GET /api/trips/{id}}: 200 with the trip; 404 if unknown.
 * </ul>
 */
final class TripsApi {
  private final Trips trips;

  TripsApi(Trips trips) {
    this.trips = trips;
  }

  void addTo(Javalin app) {
    app.post("/api/trips", this::create)
        .post("/api/trips/{tripId}/end", this::end)
        .post("/api/trips/{tripId}/push", this::push)
        .get("/api/trips/{tripId}", this::get)
        .exception(InvalidTrip.class, TripsApi::invalid);
  }

  private void create(Context ctx) throws Exception {
    try {
      Trips.Pushed created = trips.create(TripPlans.parse(ctx.bodyAsBytes()));
      ctx.status(HttpStatus.CREATED).json(withPushes(created));
    } catch (TripStore.VehicleBusy e) {
      ctx.status(HttpStatus.CONFLICT)
          .json(
              Map.of(
                  "error",
                  e.getMessage(),
                  "field",
                  "vehicleId",
                  "runningTripId",
                  e.runningTripId()));
    }
  }

  private void end(Context ctx) throws Exception {
    trips
        .end(ctx.pathParam("tripId"))
        .ifPresentOrElse(ended -> ctx.json(withPushes(ended)), () -> notFound(ctx));
  }

  private void push(Context ctx) throws Exception {
    trips
        .push(ctx.pathParam("tripId"))
        .ifPresentOrElse(pushed -> ctx.json(withPushes(pushed)), () -> notFound(ctx));
  }

  private void get(Context ctx) throws Exception {
    trips
        .find(ctx.pathParam("tripId"))
        .ifPresentOrElse(trip -> ctx.json(Trips.view(trip)), () -> notFound(ctx));
  }

  private static ObjectNode withPushes(Trips.Pushed pushed) {
    ObjectNode view = Trips.view(pushed.trip());
    ArrayNode devices = view.putArray("pushedTo");
    pushed.pushedTo().forEach(devices::add);
    return view;
  }

  private static void notFound(Context ctx) {
    ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no such trip"));
  }

  private static void invalid(InvalidTrip e, Context ctx) {
    ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage(), "field", e.field()));
  }
}
