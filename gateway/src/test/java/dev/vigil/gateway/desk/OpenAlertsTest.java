package dev.vigil.gateway.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.protocol.alert.AlertJson;
import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.alert.AlertType;
import dev.vigil.protocol.alert.ControlAlert;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The desk's start-up load against a real HTTP server on a free port answering as told. */
@Timeout(60)
class OpenAlertsTest {
  private final AtomicReference<String> authorization = new AtomicReference<>();
  private final AtomicReference<String> query = new AtomicReference<>();
  private HttpServer server;

  private URI serve(int status, String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/alerts",
        exchange -> {
          authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
          query.set(exchange.getRequestURI().getQuery());
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static String list(ControlAlert... alerts) {
    StringBuilder json = new StringBuilder("[");
    for (ControlAlert alert : alerts) {
      json.append(json.length() > 1 ? "," : "")
          .append(new String(AlertJson.write(alert), StandardCharsets.UTF_8));
    }
    return json.append(']').toString();
  }

  @Test
  void loadsTheUnresolvedAlertsAndSendsTheToken() throws Exception {
    ControlAlert open = DeskAlerts.open("p1", AlertType.PANIC, 1);
    ControlAlert closed =
        DeskAlerts.alert("p0", AlertType.PANIC, AlertState.RESOLVED, 0, 3, 0, "anna");
    URI gateway = serve(200, list(open, closed));
    assertEquals(List.of(open), OpenAlerts.load(gateway, Optional.of("s3cret")));
    assertEquals("Bearer s3cret", authorization.get());
    assertEquals("limit=1000", query.get());
  }

  @Test
  void withoutATokenNoAuthorizationIsSent() throws Exception {
    URI gateway = serve(200, "[]");
    assertEquals(List.of(), OpenAlerts.load(gateway, Optional.empty()));
    assertEquals(null, authorization.get());
  }

  @Test
  void aRefusalIsAnErrorThatSaysWhat() throws Exception {
    URI gateway = serve(401, "{\"error\":\"missing or invalid token\"}");
    IOException e =
        assertThrows(IOException.class, () -> OpenAlerts.load(gateway, Optional.of("wrong")));
    assertTrue(
        e.getMessage().contains("answered 401: {\"error\":\"missing or invalid token\"}"),
        e.getMessage());
  }

  @Test
  void somethingThatIsNotAListOfAlertsIsAnError() throws Exception {
    URI gateway = serve(200, "{\"alerts\":[]}");
    IOException e =
        assertThrows(IOException.class, () -> OpenAlerts.load(gateway, Optional.empty()));
    assertTrue(e.getMessage().endsWith("did not answer a JSON list"), e.getMessage());
  }
}
