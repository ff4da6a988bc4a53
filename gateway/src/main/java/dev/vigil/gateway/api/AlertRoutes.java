package dev.vigil.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.gateway.alerts.AlertChange;
import dev.vigil.gateway.alerts.AlertService;
import dev.vigil.gateway.alerts.ControlAck;
import dev.vigil.gateway.alerts.ControlDesk;
import dev.vigil.gateway.alerts.Step;
import dev.vigil.gateway.operators.Caller;
import dev.vigil.protocol.alert.AlertJson;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The control room's alert endpoints.
 *
 * <ul>
 *   <li>{@code POST /api/alerts/{id}/ack} {@code {"note"}}
 *   <li>{@code POST /api/alerts/{id}/resolve} {@code {"reason", "note"}}
 *   <li>{@code GET /api/alerts/{id}}: the alert; {@code GET /api/alerts/{id}/events}: its history
 *   <li>{@code GET /api/fleet/health}: devices online, GNSS and cameras, as counts and rates
 * </ul>
 *
 * A change answers 200 with the alert in its new state (also when it was already so); 404 for an
 * unknown alert, 409 when the alert's state forbids it (with the reason), 400 for a bad body. The
 * operator recorded in the alert's history and the audit log is the authenticated caller; an {@code
 * "operator"} field in the body is not read (it could name anyone).
 */
public final class AlertRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AlertService alerts;
  private final ControlDesk desk;
  private final Callable<Map<String, Object>> fleetHealth;

  public AlertRoutes(
      AlertService alerts, ControlDesk desk, Callable<Map<String, Object>> fleetHealth) {
    this.alerts = alerts;
    this.desk = desk;
    this.fleetHealth = fleetHealth;
  }

  void install(Javalin app) {
    app.post("/api/alerts/{id}/ack", ctx -> request(ctx, ControlAck.Action.ACK));
    app.post("/api/alerts/{id}/resolve", ctx -> request(ctx, ControlAck.Action.RESOLVE));
    app.get("/api/alerts/{id}", this::alert);
    app.get("/api/alerts/{id}/events", this::events);
    app.get("/api/fleet/health", ctx -> ctx.json(fleetHealth.call()));
  }

  private void request(Context ctx, ControlAck.Action action) throws Exception {
    JsonNode body = body(ctx);
    ControlAck request;
    try {
      request =
          ControlAck.of(
              ctx.pathParam("id"),
              Caller.of(ctx).orElseThrow().name(),
              action,
              text(body, "note", ""),
              text(body, "reason", null));
    } catch (IllegalArgumentException e) {
      throw new HttpApi.BadRequest(e.getMessage());
    }
    ControlDesk.Outcome outcome = desk.apply(request, "http");
    Step step = outcome.step().orElse(null);
    if (step == null) {
      notFound(ctx);
    } else if (step instanceof Step.Refused refused) {
      ctx.status(HttpStatus.CONFLICT).json(Map.of("error", refused.reason()));
    } else {
      var alert = step instanceof Step.Changed c ? c.alert() : ((Step.Unchanged) step).alert();
      ctx.contentType("application/json").result(AlertJson.write(alert));
    }
  }

  private void alert(Context ctx) throws Exception {
    var alert = alerts.find(ctx.pathParam("id"));
    if (alert.isEmpty()) {
      notFound(ctx);
    } else {
      ctx.contentType("application/json").result(AlertJson.write(alert.get()));
    }
  }

  private void events(Context ctx) throws Exception {
    List<AlertChange> history = alerts.history(ctx.pathParam("id"));
    if (history.isEmpty()) {
      notFound(ctx);
      return;
    }
    ctx.json(history.stream().map(AlertRoutes::event).toList());
  }

  private static Map<String, Object> event(AlertChange e) {
    return Map.of(
        "action",
        e.action().name(),
        "from",
        e.from() == null ? "" : e.from().name(),
        "to",
        e.to().name(),
        "who",
        e.who(),
        "at",
        e.at().toString(),
        "note",
        e.note());
  }

  private static JsonNode body(Context ctx) {
    try {
      JsonNode body = JSON.readTree(ctx.bodyAsBytes());
      if (body == null || !body.isObject()) {
        throw new HttpApi.BadRequest("the body must be a JSON object");
      }
      return body;
    } catch (IOException e) {
      throw new HttpApi.BadRequest("the body is not JSON: " + e.getMessage());
    }
  }

  private static String text(JsonNode body, String field, String fallback) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isTextual()) {
      throw new HttpApi.BadRequest(field + " must be a string");
    }
    return node.textValue();
  }

  private static void notFound(Context ctx) {
    ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no such alert"));
  }
}
