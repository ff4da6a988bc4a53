package dev.vigil.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.ingest.IngestCounters;
import dev.vigil.gateway.operators.AccessCheck;
import dev.vigil.gateway.operators.AuditLog;
import dev.vigil.gateway.operators.GatewayRoutes;
import dev.vigil.gateway.operators.LoginThrottle;
import dev.vigil.gateway.operators.Operators;
import dev.vigil.gateway.operators.Role;
import dev.vigil.gateway.operators.TestOperators;
import dev.vigil.gateway.store.Database;
import dev.vigil.gateway.store.JdbcTelemetryStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's real HTTP server with a route added the way a feature adds one ({@link
 * HttpApi#register}) but left out of the route table: closed to everyone, an admin included, and
 * its handler never runs.
 */
class RouteTableHttpIT {
  @TempDir Path folder;

  @Test
  @Timeout(60)
  void aRouteRegisteredWithoutATableEntryIsClosedToEveryone() throws Exception {
    Database database = new Database("jdbc:h2:file:" + folder.resolve("db"), "", "");
    database.migrate();
    Clock clock = Clock.systemUTC();
    AuditLog audit = new AuditLog(database, clock);
    Operators operators = new Operators(database, audit, LoginThrottle.DEFAULT, clock);
    String admin = TestOperators.token(operators, "ada", Role.ADMIN);
    AtomicBoolean ran = new AtomicBoolean();
    AccessCheck access = new AccessCheck(operators, GatewayRoutes.table());
    try (JdbcTelemetryStore store = new JdbcTelemetryStore(database);
        HttpApi api =
            new HttpApi(
                access,
                store,
                new IngestCounters(),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty())) {
      api.register(
          app ->
              app.get(
                  "/api/added-later",
                  ctx -> {
                    ran.set(true);
                    ctx.result("secret");
                  }));
      api.start("127.0.0.1", 0);
      assertEquals(java.util.List.of("GET /api/added-later"), access.unlisted());
      HttpClient http = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + api.port() + "/api/added-later");
      HttpResponse<String> asAdmin =
          http.send(
              HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + admin).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(403, asAdmin.statusCode(), asAdmin.body());
      HttpResponse<String> anonymous =
          http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(401, anonymous.statusCode(), anonymous.body());
      assertFalse(ran.get(), "the handler of an unlisted route ran");
      // A listed route on the same server works for the admin: the 403 was the table's doing.
      HttpResponse<String> metrics =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/metrics"))
                  .header("Authorization", "Bearer " + admin)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, metrics.statusCode(), metrics.body());
      var denied = audit.recent(10, Optional.of("http.denied"), Optional.of("ada"));
      assertEquals(1, denied.size());
      assertEquals("GET /api/added-later", denied.get(0).target());
      assertEquals("not_listed", denied.get(0).outcome());
      assertTrue(
          audit.recent(10, Optional.of("http.denied"), Optional.of("anonymous")).size() == 1);
    }
  }
}
