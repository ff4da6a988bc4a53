package dev.vigil.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.gateway.Gateway;
import dev.vigil.gateway.operators.Role;
import dev.vigil.gateway.operators.TestOperators;
import dev.vigil.protocol.pb.AlarmType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control-room desk end to end: a real gateway (embedded broker and H2, HTTP on a free port), a
 * simulated device sending sealed alarms, and {@code vigil-gateway watch --plain} from the built
 * jar in a process of its own, driven through its stdin and read from its stdout as a script would.
 */
class WatchDeskIT {
  private static final Path JAR = Path.of("target/vigil-gateway.jar");
  private static final long WAIT_MS = 20_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ID = Pattern.compile("ALERT id=(\\S+) ");
  private static final TestOperators DESK = new TestOperators("desk-reader", Role.OPERATOR);

  @TempDir Path folder;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  @Timeout(150)
  void anOperatorAcknowledgesAndResolvesFromTheDeskAndSeesRefusals() throws Exception {
    TestFleet fleet = new TestFleet(folder);
    Map<String, String> settings = fleet.gatewaySettings(Optional.empty());
    settings.put("alerts.sweep-interval-ms", "100");
    String operator = "anna-" + fleet.runId;
    try (Gateway gateway = fleet.startGateway(settings);
        SimDevice before = sim(fleet, gateway, "before");
        SimDevice live = sim(fleet, gateway, "live")) {
      before.alarm("b-1", AlarmType.PANIC, "", 48.1, Instant.now());
      String earlier = awaitListed(gateway, before.vehicleId);

      try (Desk desk = Desk.start(gateway, operator, folder.resolve("watch.log"))) {
        String loaded = desk.expect(line -> line.contains("vehicle=" + before.vehicleId));
        assertTrue(
            loaded.startsWith("ALERT id=" + earlier + " state=OPEN severity=CRITICAL"), loaded);
        desk.expect(line -> line.equals("STATUS connected"));

        live.alarm("l-1", AlarmType.PANIC, "", 48.2, Instant.now());
        String raised = desk.expect(line -> line.contains("vehicle=" + live.vehicleId));
        assertTrue(raised.contains(" state=OPEN severity=CRITICAL type=PANIC "), raised);
        String id = idOf(raised);

        desk.send("ack " + id + " calling the driver");
        assertEquals("SENT ack " + id, desk.expect(line -> line.startsWith("SENT")));
        String taken = desk.expect(line -> line.startsWith("ALERT id=" + id + " "));
        assertTrue(taken.contains(" state=ACKNOWLEDGED "), taken);
        assertTrue(taken.endsWith(" by=" + operator), taken);
        assertEquals("ACKNOWLEDGED", get(gateway, "/api/alerts/" + id).get("state").asText());
        JsonNode acked = get(gateway, "/api/alerts/" + id + "/events").get(1);
        assertEquals("ACKNOWLEDGED", acked.get("action").asText());
        assertEquals(operator, acked.get("who").asText());
        assertEquals("calling the driver", acked.get("note").asText());

        desk.send("resolve " + id + " HANDLED police on site");
        String closed = desk.expect(line -> line.startsWith("ALERT id=" + id + " "));
        assertTrue(closed.contains(" state=RESOLVED "), closed);
        assertTrue(closed.endsWith(" resolvedBy=" + operator + " resolution=HANDLED"), closed);
        JsonNode stored = get(gateway, "/api/alerts/" + id);
        assertEquals("RESOLVED", stored.get("state").asText());
        assertEquals(operator, stored.get("resolvedBy").asText());
        JsonNode events = get(gateway, "/api/alerts/" + id + "/events");
        assertEquals(3, events.size(), events.toString());
        assertEquals("RESOLVED", events.get(2).get("action").asText());
        assertEquals(operator, events.get(2).get("who").asText());
        assertEquals("police on site", events.get(2).get("note").asText());

        desk.send("list");
        String listed = desk.expect(line -> line.startsWith("ALERT") || line.startsWith("LISTED"));
        assertTrue(listed.startsWith("ALERT id=" + earlier + " state=OPEN"), "resolved one gone");
        desk.expect(line -> line.equals("LISTED 1"));

        String unknown = "nope-" + fleet.runId;
        desk.send("ack " + unknown);
        assertEquals(
            "REJECTED ack " + unknown + " UNKNOWN_ALERT: no such alert",
            desk.expect(line -> line.startsWith("REJECTED")));

        desk.send("ack " + id);
        String refused = desk.expect(line -> line.startsWith("REJECTED"));
        assertTrue(refused.startsWith("REJECTED ack " + id + " REFUSED: "), refused);

        desk.send("resolve " + id + " FIXED");
        assertTrue(
            desk.expect(line -> line.startsWith("ERROR"))
                .startsWith("ERROR unknown reason 'FIXED'"));

        desk.send("quit");
        assertEquals(0, desk.exitCode());
      }
      JsonNode metrics = get(gateway, "/api/metrics").get("alerts").get("acks");
      assertEquals(1, metrics.get("UNKNOWN_ALERT").asInt());
      assertEquals(1, metrics.get("REFUSED").asInt());
      assertEquals(
          0, metrics.get("MALFORMED").asInt(), "the desk sends only what the gateway reads");
    }
  }

  /** {@code vigil-gateway watch --plain} in its own JVM, its stdout line by line. */
  private static final class Desk implements AutoCloseable {
    private final Process process;
    private final PrintStream in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private Desk(Process process) {
      this.process = process;
      this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                  }
                } catch (java.io.IOException e) {
                  lines.add("(stdout closed: " + e.getMessage() + ")");
                }
              },
              "desk-stdout");
      reader.setDaemon(true);
      reader.start();
    }

    static Desk start(Gateway gateway, String operator, Path log) throws Exception {
      Path tokenFile = log.resolveSibling("desk.token");
      Files.writeString(tokenFile, DESK.bearer(gateway).substring("Bearer ".length()) + "\n");
      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx128m",
              "-jar",
              JAR.toString(),
              "watch",
              "--plain",
              "--mqtt-url",
              gateway.brokerUrl(),
              "--operator",
              operator,
              "--gateway",
              "http://127.0.0.1:" + gateway.httpPort(),
              "--token-file",
              tokenFile.toString());
      return new Desk(
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start());
    }

    void send(String line) {
      in.println(line);
    }

    /** The next line that matches, skipping others (other alerts' changes); fails after a wait. */
    String expect(Predicate<String> wanted) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
      while (System.nanoTime() < deadline) {
        String line = lines.poll(200, TimeUnit.MILLISECONDS);
        if (line != null) {
          seen.add(line);
          if (wanted.test(line)) {
            return line;
          }
        }
      }
      throw new AssertionError(
          "the desk printed no expected line within " + WAIT_MS + " ms: " + seen);
    }

    int exitCode() throws InterruptedException {
      assertTrue(process.waitFor(WAIT_MS, TimeUnit.MILLISECONDS), "the desk quits on 'quit'");
      return process.exitValue();
    }

    @Override
    public void close() {
      in.close();
      process.destroy();
    }
  }

  private static String idOf(String line) {
    Matcher matcher = ID.matcher(line);
    assertTrue(matcher.find(), line);
    return matcher.group(1);
  }

  private String awaitListed(Gateway gateway, String vehicleId) throws Exception {
    long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
    while (System.nanoTime() < deadline) {
      for (JsonNode alert : get(gateway, "/api/alerts")) {
        if (alert.get("vehicleId").asText().equals(vehicleId)) {
          return alert.get("alertId").asText();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no alert of " + vehicleId + " stored");
  }

  private JsonNode get(Gateway gateway, String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                .header("Authorization", DESK.bearer(gateway))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return JSON.readTree(response.body());
  }

  private static SimDevice sim(TestFleet fleet, Gateway gateway, String name) throws Exception {
    return fleet.sim(gateway, name, gateway.brokerUrl());
  }
}
