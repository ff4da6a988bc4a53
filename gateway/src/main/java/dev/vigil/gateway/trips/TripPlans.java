package dev.vigil.gateway.trips;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.gateway.trips.TripPlan.Point;
import dev.vigil.gateway.trips.TripPlan.Stop;
import dev.vigil.protocol.Topics;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The trip request's JSON, both ways (pure). Parsing refuses, naming the field: unknown fields (a
 * misspelt {@code passengerOnboard} must not silently mean "no passenger"), missing required ones,
 * wrong types and values out of range. Limits keep a sealed {@code down/trip} message well under
 * the envelope's 64 KiB.
 */
public final class TripPlans {
  static final int MAX_ROUTE_POINTS = 2_000;
  static final int MAX_STOPS = 50;
  static final int MAX_NAME_CHARS = 100;

  /** Corridor half-width: from a lane's width to a wide rural detour allowance. */
  static final double MIN_CORRIDOR_M = 10;

  static final double MAX_CORRIDOR_M = 5_000;
  static final double DEFAULT_RADIUS_M = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS =
      Set.of(
          "vehicleId",
          "route",
          "corridorM",
          "stops",
          "destination",
          "eta",
          "passengerOnBoard",
          "cargoOnBoard",
          "recordingRequired");
  private static final Set<String> STOP_FIELDS = Set.of("name", "lat", "lon", "radiusM");

  private TripPlans() {}

  public static TripPlan parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidTrip("body", "is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidTrip("body", "could not be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidTrip("body", "must be a JSON object");
    }
    onlyKnown(root, FIELDS, "");
    return new TripPlan(
        vehicleId(root.get("vehicleId")),
        route(root.get("route")),
        corridor(root.get("corridorM")),
        stops(root.get("stops")),
        stop(required(root, "destination", ""), "destination"),
        eta(root.get("eta")),
        flag(root, "passengerOnBoard"),
        flag(root, "cargoOnBoard"),
        flag(root, "recordingRequired"));
  }

  private static void onlyKnown(JsonNode object, Set<String> known, String prefix) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new InvalidTrip(prefix + name, "is not a trip field; expected one of " + known);
      }
    }
  }

  private static JsonNode required(JsonNode object, String name, String prefix) {
    JsonNode value = object.get(name);
    if (value == null || value.isNull()) {
      throw new InvalidTrip(prefix + name, "is required");
    }
    return value;
  }

  private static String vehicleId(JsonNode value) {
    if (value == null || !value.isTextual()) {
      throw new InvalidTrip("vehicleId", "is required: a string");
    }
    if (!Topics.isValidId(value.asText())) {
      throw new InvalidTrip("vehicleId", "may hold only letters, digits, '.', '_' and '-'");
    }
    return value.asText();
  }

  private static List<Point> route(JsonNode value) {
    List<Point> route = new ArrayList<>();
    if (value == null || value.isNull()) {
      return route;
    }
    if (!value.isArray() || value.size() == 1 || value.size() > MAX_ROUTE_POINTS) {
      throw new InvalidTrip(
          "route", "must be a list of 2 to " + MAX_ROUTE_POINTS + " [lat, lon] pairs (or absent)");
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode pair = value.get(i);
      String field = "route[" + i + "]";
      if (!pair.isArray() || pair.size() != 2) {
        throw new InvalidTrip(field, "must be a [lat, lon] pair");
      }
      route.add(point(pair.get(0), pair.get(1), field));
    }
    return route;
  }

  private static Point point(JsonNode lat, JsonNode lon, String field) {
    return new Point(number(lat, field + "[0]", -90, 90), number(lon, field + "[1]", -180, 180));
  }

  private static double number(JsonNode value, String field, double min, double max) {
    if (value == null || !value.isNumber()) {
      throw new InvalidTrip(field, "must be a number");
    }
    double number = value.asDouble();
    if (!(number >= min && number <= max)) {
      throw new InvalidTrip(field, "must be between " + min + " and " + max + ": " + number);
    }
    return number;
  }

  private static double corridor(JsonNode value) {
    double corridorM =
        value == null || value.isNull() ? 0 : number(value, "corridorM", 0, MAX_CORRIDOR_M);
    if (corridorM > 0 && corridorM < MIN_CORRIDOR_M) {
      throw new InvalidTrip(
          "corridorM", "must be 0 (the device's default) or at least " + MIN_CORRIDOR_M);
    }
    return corridorM;
  }

  private static List<Stop> stops(JsonNode value) {
    List<Stop> stops = new ArrayList<>();
    if (value == null || value.isNull()) {
      return stops;
    }
    if (!value.isArray() || value.size() > MAX_STOPS) {
      throw new InvalidTrip("stops", "must be a list of at most " + MAX_STOPS + " stops");
    }
    for (int i = 0; i < value.size(); i++) {
      stops.add(stop(value.get(i), "stops[" + i + "]"));
    }
    return stops;
  }

  private static Stop stop(JsonNode value, String field) {
    if (!value.isObject()) {
      throw new InvalidTrip(field, "must be an object {name, lat, lon, radiusM}");
    }
    onlyKnown(value, STOP_FIELDS, field + ".");
    JsonNode name = value.get("name");
    if (name != null && (!name.isTextual() || name.asText().length() > MAX_NAME_CHARS)) {
      throw new InvalidTrip(field + ".name", "must be a string of at most " + MAX_NAME_CHARS);
    }
    JsonNode radius = value.get("radiusM");
    return new Stop(
        name == null ? "" : name.asText(),
        new Point(
            number(value.get("lat"), field + ".lat", -90, 90),
            number(value.get("lon"), field + ".lon", -180, 180)),
        radius == null ? DEFAULT_RADIUS_M : number(radius, field + ".radiusM", 5, 10_000));
  }

  private static Optional<Instant> eta(JsonNode value) {
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(value.asText()).toInstant());
    } catch (DateTimeParseException e) {
      throw new InvalidTrip(
          "eta", "must be an ISO-8601 time with offset (2026-11-23T15:30:00Z): " + value.asText());
    }
  }

  private static boolean flag(JsonNode root, String name) {
    JsonNode value = root.get(name);
    if (value != null && !value.isBoolean() && !value.isNull()) {
      throw new InvalidTrip(name, "must be true or false");
    }
    return value != null && value.asBoolean();
  }

  /** The plan as the API shows it (and stores it): the request's shape, defaults filled in. */
  public static ObjectNode toJson(TripPlan plan) {
    ObjectNode json = JSON.createObjectNode();
    json.put("vehicleId", plan.vehicleId());
    ArrayNode route = json.putArray("route");
    plan.route().forEach(p -> route.addArray().add(p.latDeg()).add(p.lonDeg()));
    json.put("corridorM", plan.corridorM());
    ArrayNode stops = json.putArray("stops");
    plan.stops().forEach(stop -> stops.add(stopJson(stop)));
    json.set("destination", stopJson(plan.destination()));
    json.put("eta", plan.eta().map(Instant::toString).orElse(null));
    json.put("passengerOnBoard", plan.passengerOnBoard());
    json.put("cargoOnBoard", plan.cargoOnBoard());
    json.put("recordingRequired", plan.recordingRequired());
    return json;
  }

  private static ObjectNode stopJson(Stop stop) {
    ObjectNode json = JSON.createObjectNode();
    json.put("name", stop.name());
    json.put("lat", stop.at().latDeg());
    json.put("lon", stop.at().lonDeg());
    json.put("radiusM", stop.radiusM());
    return json;
  }
}
