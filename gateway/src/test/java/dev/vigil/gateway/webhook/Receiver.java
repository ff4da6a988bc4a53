package dev.vigil.gateway.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver for the tests: a real HTTP server on a loopback port that checks each request
 * as a receiver in the field would, with its own HMAC code (not the gateway's {@link Signature}),
 * records it, and answers with scripted statuses (then 200).
 */
final class Receiver implements AutoCloseable {
  /** One request as received. */
  record Request(
      String deliveryId, String timestamp, byte[] body, boolean signatureValid, Instant at) {}

  private final HttpServer server;
  private final byte[] secret;
  private final Deque<Integer> script = new ArrayDeque<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
  private volatile long stallMs;

  private Receiver(HttpServer server, byte[] secret) {
    this.server = server;
    this.secret = secret;
  }

  /** Starts on {@code port} (0: any free one) of 127.0.0.1. */
  static Receiver start(int port, byte[] secret) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    Receiver receiver = new Receiver(server, secret);
    server.createContext("/hook", receiver::handle);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
    return receiver;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  /** The next requests are answered with these statuses, in order; then 200. */
  synchronized Receiver answer(Integer... statuses) {
    script.addAll(List.of(statuses));
    return this;
  }

  /** The next request is held this long before its answer (to provoke a client timeout). */
  void stallOnce(long ms) {
    stallMs = ms;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** How often each delivery id was answered 2xx. */
  Map<String, Integer> acceptedCounts() {
    Map<String, Integer> counts = new ConcurrentHashMap<>();
    accepted.forEach((id, count) -> counts.put(id, count.get()));
    return counts;
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String id = exchange.getRequestHeaders().getFirst("X-Vigil-Delivery");
    String timestamp = exchange.getRequestHeaders().getFirst("X-Vigil-Timestamp");
    String signature = exchange.getRequestHeaders().getFirst("X-Vigil-Signature");
    boolean valid =
        exchange.getRequestMethod().equals("POST")
            && "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))
            && timestamp != null
            && signature != null
            && MessageDigest.isEqual(
                expected(timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    requests.add(new Request(id, timestamp, body, valid, Instant.now()));
    long stall = stallMs;
    if (stall > 0) {
      stallMs = 0;
      sleep(stall);
    }
    int status = valid ? next() : 401;
    if (status / 100 == 2 && id != null) {
      accepted.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private synchronized int next() {
    return script.isEmpty() ? 200 : script.poll();
  }

  /** sha256= and the hex HMAC-SHA256 of "timestamp.body", computed here independently. */
  private String expected(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
