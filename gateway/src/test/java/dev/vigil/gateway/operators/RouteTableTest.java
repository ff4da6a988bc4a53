package dev.vigil.gateway.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.operators.RouteTable.Verdict;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RouteTableTest {
  private final RouteTable table = GatewayRoutes.table();

  @Test
  void rolesAreOrderedEachIncludingTheOnesBelow() {
    assertTrue(Role.ADMIN.covers(Role.SUPERVISOR));
    assertTrue(Role.ADMIN.covers(Role.OPERATOR));
    assertTrue(Role.SUPERVISOR.covers(Role.OPERATOR));
    assertTrue(Role.OPERATOR.covers(Role.OPERATOR));
    assertFalse(Role.OPERATOR.covers(Role.SUPERVISOR));
    assertFalse(Role.SUPERVISOR.covers(Role.ADMIN));
    assertEquals(Role.SUPERVISOR, Role.parse(" Supervisor"));
    assertThrows(IllegalArgumentException.class, () -> Role.parse("root"));
  }

  @Test
  void aRouteMissingFromTheTableIsRefusedEvenToAnAdmin() {
    assertEquals(
        Verdict.NOT_LISTED, table.decide("GET", "/api/added-later", Optional.of(Role.ADMIN)));
    assertEquals(Verdict.NOT_LISTED, table.decide("DELETE", "/api/alerts/{id}", Optional.empty()));
    // The method is part of the route: a listed GET does not open the same path's DELETE.
    assertEquals(
        Verdict.NOT_LISTED, table.decide("DELETE", "/api/alerts", Optional.of(Role.ADMIN)));
    assertFalse(Verdict.NOT_LISTED.allows());
  }

  @Test
  void eachListedRouteNeedsItsRoleAndNoCredentialsAreNotEnough() {
    assertEquals(Verdict.UNAUTHENTICATED, table.decide("GET", "/api/alerts", Optional.empty()));
    assertEquals(Verdict.ALLOWED, table.decide("GET", "/api/alerts", Optional.of(Role.OPERATOR)));
    assertEquals(
        Verdict.ALLOWED, table.decide("POST", "/api/alerts/{id}/ack", Optional.of(Role.ADMIN)));
    assertEquals(
        Verdict.ROLE_TOO_LOW,
        table.decide("GET", "/api/alerts/{alertId}/clips/{camera}", Optional.of(Role.OPERATOR)));
    assertEquals(
        Verdict.ALLOWED,
        table.decide("GET", "/api/incidents/{alertId}/package", Optional.of(Role.SUPERVISOR)));
    assertEquals(
        Verdict.ROLE_TOO_LOW, table.decide("GET", "/api/audit", Optional.of(Role.OPERATOR)));
    assertEquals(
        Verdict.ROLE_TOO_LOW, table.decide("GET", "/api/operators", Optional.of(Role.SUPERVISOR)));
  }

  @Test
  void onlyHealthEnrolmentLoginAndTheConsoleRedirectArePublic() {
    java.util.Set<String> open =
        table.describe().entrySet().stream()
            .filter(route -> route.getValue().equals("public"))
            .map(java.util.Map.Entry::getKey)
            .collect(java.util.stream.Collectors.toSet());
    assertEquals(
        java.util.Set.of("GET /api/health", "POST /api/enroll", "POST /api/login", "GET /"),
        open,
        table.describe().toString());
    assertEquals(Verdict.PUBLIC, table.decide("GET", "/", Optional.empty()));
    assertEquals(Verdict.PUBLIC, table.decide("POST", "/api/enroll", Optional.empty()));
    assertEquals(Verdict.PUBLIC, table.decide("POST", "/api/login", Optional.empty()));
    assertEquals(Verdict.PUBLIC, table.decide("get", "/api/health", Optional.empty()));
  }

  @Test
  void aRouteListedTwiceIsAMistake() {
    RouteTable.Builder builder = RouteTable.builder().open("GET", "/a");
    assertThrows(IllegalArgumentException.class, () -> builder.require(Role.ADMIN, "GET", "/a"));
  }

  @Test
  void theLoginThrottleAllowsFiveFailuresInItsWindow() {
    LoginThrottle throttle = LoginThrottle.DEFAULT;
    assertTrue(throttle.allows(0));
    assertTrue(throttle.allows(4));
    assertFalse(throttle.allows(5));
    java.time.Instant now = java.time.Instant.parse("2026-11-23T10:00:00Z");
    assertEquals(java.time.Instant.parse("2026-11-23T09:45:00Z"), throttle.since(now));
  }
}
