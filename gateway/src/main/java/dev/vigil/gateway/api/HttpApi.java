package dev.vigil.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vigil.gateway.enrol.Enrolment;
import dev.vigil.gateway.ingest.IngestCounters;
import dev.vigil.gateway.operators.AccessCheck;
import dev.vigil.gateway.store.TelemetryStore;
import dev.vigil.gateway.trips.Trips;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.alert.AlertJson;
import dev.vigil.protocol.alert.ControlAlert;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.io.ByteArrayOutputStream;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * The gateway's HTTP API. Handlers are plain methods; errors are JSON {@code {"error": "..."}} with
 * a 4xx status for a bad request and 500 (logged) for a failure of ours. Every route needs an
 * operator's bearer token of a high enough role, except those the route table opens ({@link
 * AccessCheck}, {@code operators.GatewayRoutes}): a route missing from the table is refused.
 *
 * <ul>
 *   <li>{@code GET /api/alerts?limit=N}: alerts, newest first (default 100, at most 1,000).
 *   <li>{@code GET /api/vehicles/{vehicleId}/positions?from=ISO&to=ISO&limit=N}: positions by fix
 *       time, oldest first; default the last hour; at most 10,000.
 *   <li>{@code GET /api/metrics}: ingest counters. {@code GET /api/health}: liveness.
 *   <li>{@code POST /api/enroll}: a box enrols with its one-time token ({@link EnrolmentEndpoint}).
 *   <li>Trips: see {@link TripsApi}.
 *   <li>the control room's alert and fleet endpoints: {@link AlertRoutes}.
 *   <li>{@code /console/}: the control-room console, static pages that use the API above with the
 *       operator's own session token ({@code /} redirects there).
 * </ul>
 */
public final class HttpApi implements AutoCloseable {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final TelemetryStore store;
  private final IngestCounters counters;
  private final Map<String, Supplier<Map<String, Object>>> moreMetrics;
  private final Javalin app;

  /**
   * @param access checks every request against the operators' route table (deny by default) and
   *     serves login and the audit log
   * @param enrolment serves {@code POST /api/enroll} when present
   * @param moreMetrics further sections of {@code GET /api/metrics}, by name
   * @param trips serves the trips API when present
   * @param alertRoutes serves the control room's alert and fleet endpoints when present
   */
  public HttpApi(
      AccessCheck access,
      TelemetryStore store,
      IngestCounters counters,
      Optional<Enrolment> enrolment,
      Map<String, Supplier<Map<String, Object>>> moreMetrics,
      Optional<Trips> trips,
      Optional<AlertRoutes> alertRoutes) {
    this.store = store;
    this.counters = counters;
    this.moreMetrics = Map.copyOf(moreMetrics);
    this.app =
        Javalin.create(
                config -> {
                  config.showJavalinBanner = false;
                  config.staticFiles.add(
                      files -> {
                        files.hostedPath = "/console";
                        files.directory = "/console";
                        files.location = Location.CLASSPATH;
                      });
                  config.events.handlerAdded(access::noticeRoute);
                })
            .get("/", ctx -> ctx.redirect("/console/"))
            .get("/api/health", ctx -> ctx.json(Map.of("status", "up")))
            .get("/api/alerts", this::alerts)
            .get("/api/vehicles/{vehicleId}/positions", this::positions)
            .get("/api/metrics", this::metrics)
            .exception(BadRequest.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e))
            .exception(Exception.class, this::failure);
    access.install(app);
    enrolment.ifPresent(e -> app.post("/api/enroll", new EnrolmentEndpoint(e)::enrol));
    trips.ifPresent(t -> new TripsApi(t).addTo(app));
    alertRoutes.ifPresent(routes -> routes.install(app));
  }

  public void start(String host, int port) {
    app.start(host, port);
    Logger.info("HTTP API on http://{}:{}/api", host, app.port());
  }

  /** Lets a feature add its own routes (before {@link #start}). */
  public void register(java.util.function.Consumer<Javalin> routes) {
    routes.accept(app);
  }

  public int port() {
    return app.port();
  }

  private void alerts(Context ctx) throws SQLException {
    int limit = intParam(ctx, "limit", 100, 1, 1_000);
    List<ControlAlert> alerts = store.recentAlerts(limit);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write('[');
    for (int i = 0; i < alerts.size(); i++) {
      if (i > 0) {
        body.write(',');
      }
      body.writeBytes(AlertJson.write(alerts.get(i)));
    }
    body.write(']');
    ctx.contentType("application/json").result(body.toByteArray());
  }

  private void positions(Context ctx) throws Exception {
    String vehicleId = ctx.pathParam("vehicleId");
    if (!Topics.isValidId(vehicleId)) {
      throw new BadRequest("invalid vehicle id");
    }
    Instant to = instantParam(ctx, "to", Instant.now());
    Instant from = instantParam(ctx, "from", to.minus(Duration.ofHours(1)));
    if (!from.isBefore(to)) {
      throw new BadRequest("from must be before to");
    }
    int limit = intParam(ctx, "limit", 10_000, 1, 10_000);
    var positions = store.positions(vehicleId, from, to, limit);
    ctx.contentType("application/json").result(JSON.writeValueAsBytes(positions));
  }

  private void metrics(Context ctx) throws Exception {
    Map<String, Object> figures = new java.util.LinkedHashMap<>(counters.snapshot());
    moreMetrics.forEach((name, section) -> figures.put(name, section.get()));
    ctx.contentType("application/json").result(JSON.writeValueAsBytes(figures));
  }

  private static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value < min || value > max) {
        throw new BadRequest(name + " must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new BadRequest(name + " is not a whole number: " + raw);
    }
  }

  private static Instant instantParam(Context ctx, String name, Instant fallback) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return fallback;
    }
    try {
      return Instant.parse(raw);
    } catch (DateTimeParseException e) {
      throw new BadRequest(name + " is not an ISO-8601 UTC instant (2026-11-22T10:15:30Z): " + raw);
    }
  }

  private static void error(Context ctx, HttpStatus status, Exception e) {
    ctx.status(status).json(Map.of("error", e.getMessage()));
  }

  private void failure(Exception e, Context ctx) {
    Logger.error(e, "HTTP {} {} failed", ctx.method(), ctx.path());
    ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Map.of("error", "internal error"));
  }

  @Override
  public void close() {
    app.stop();
  }

  /** A request the client must change: answered with 400 and the message. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }
}
