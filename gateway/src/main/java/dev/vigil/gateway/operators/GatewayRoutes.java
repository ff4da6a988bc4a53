package dev.vigil.gateway.operators;

import static dev.vigil.gateway.operators.Role.ADMIN;
import static dev.vigil.gateway.operators.Role.OPERATOR;
import static dev.vigil.gateway.operators.Role.SUPERVISOR;

/**
 * The one table of the gateway's HTTP routes and the lowest role each needs. A route registered
 * with Javalin but missing here is refused to everyone; add it here when adding it there.
 */
public final class GatewayRoutes {
  private GatewayRoutes() {}

  public static RouteTable table() {
    return RouteTable.builder()
        // Liveness carries no data; a box enrols with its own one-time token; login is how a
        // human gets a token at all.
        .open("GET", "/api/health")
        .open("POST", "/api/enroll")
        .open("POST", "/api/login")
        // A redirect to the console's static pages, which hold no data: the console signs in
        // through /api/login and sends the operator's token on every call.
        .open("GET", "/")
        // Reading alerts, fleet and trips, and working alerts: the control room's daily work.
        .require(OPERATOR, "GET", "/api/alerts")
        .require(OPERATOR, "GET", "/api/alerts/{id}")
        .require(OPERATOR, "GET", "/api/alerts/{id}/events")
        .require(OPERATOR, "POST", "/api/alerts/{id}/ack")
        .require(OPERATOR, "POST", "/api/alerts/{id}/resolve")
        .require(OPERATOR, "GET", "/api/fleet/health")
        .require(OPERATOR, "GET", "/api/vehicles/{vehicleId}/positions")
        .require(OPERATOR, "GET", "/api/metrics")
        .require(OPERATOR, "GET", "/api/trips/{tripId}")
        .require(OPERATOR, "POST", "/api/trips")
        .require(OPERATOR, "POST", "/api/trips/{tripId}/end")
        .require(OPERATOR, "POST", "/api/trips/{tripId}/push")
        .require(OPERATOR, "GET", "/api/me")
        // Evidence: seeing recordings of people is a supervisor's decision, audited.
        .require(SUPERVISOR, "GET", "/api/alerts/{alertId}/media")
        .require(SUPERVISOR, "GET", "/api/alerts/{alertId}/clips/{camera}")
        .require(SUPERVISOR, "POST", "/api/alerts/{alertId}/hold")
        .require(SUPERVISOR, "GET", "/api/media/{mediaId}")
        .require(SUPERVISOR, "GET", "/api/media-audit")
        .require(SUPERVISOR, "GET", "/api/incidents/{alertId}/package")
        .require(SUPERVISOR, "POST", "/api/vehicles/{vehicleId}/media-requests")
        .require(SUPERVISOR, "GET", "/api/audit")
        // Retention runs: which job ran where, when and what it removed.
        .require(SUPERVISOR, "GET", "/api/retention")
        // Accounts.
        .require(ADMIN, "GET", "/api/operators")
        .build();
  }
}
