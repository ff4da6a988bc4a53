package dev.vigil.gateway.bench;

import dev.vigil.device.Device;
import dev.vigil.device.DeviceConfig;
import dev.vigil.device.button.FakePanicButton;
import dev.vigil.device.provisioning.DeviceKeys;
import dev.vigil.gateway.Gateway;
import dev.vigil.gateway.GatewayConfig;
import dev.vigil.gateway.keys.GatewayKeys;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.UpKind;
import dev.vigil.protocol.alert.AlertJson;
import dev.vigil.protocol.envelope.Direction;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.envelope.Suite;
import dev.vigil.protocol.pb.FixMode;
import dev.vigil.protocol.pb.Position;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * Ingest load run, printed, never asserted: many simulated devices publish sealed positions through
 * the broker into a real gateway (embedded broker and H2 unless told otherwise), while a real
 * device agent's panic button is pressed every 250 ms and a control-room subscriber measures
 * press-to-alert latency. Run it with {@code scripts/bench-ingest}.
 *
 * <p>Arguments (all optional, {@code key=value}): {@code devices=100 messages=200000 publishers=4
 * rate=5000 seconds=10 ahead=1000 db.url=... mqtt.url=...}: phase 0 publishes `messages` flat out
 * through the broker to subscribers that only count ({@link PassThrough}); phase 1 publishes as
 * many flat out into the gateway and reports stored messages per second; phase 2 publishes `rate`
 * messages per second for `seconds` and presses the panic button every 100 ms. A PostgreSQL {@code
 * db.url} without a schema gets a fresh one for the run ({@link FreshSchema}). The last line is
 * {@code stored_per_s=X broker_per_s=Y ratio=X/Y}.
 */
public final class IngestBench {
  private static final PrintStream OUT = System.out;
  // Fix times of the sealed positions lie around now; both bounds fit a SQL timestamp.
  private static final Instant ANY_FROM = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant ANY_TO = Instant.parse("2100-01-01T00:00:00Z");
  private static int ahead;
  private static final java.util.concurrent.atomic.LongAdder FAILED_PUBLISHES =
      new java.util.concurrent.atomic.LongAdder();

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      options.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    int devices = Integer.parseInt(options.getOrDefault("devices", "100"));
    int messages = Integer.parseInt(options.getOrDefault("messages", "200000"));
    int publishers = Integer.parseInt(options.getOrDefault("publishers", "4"));
    int rate = Integer.parseInt(options.getOrDefault("rate", "5000"));
    int pacedSeconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
    // Most messages published and not yet taken by the far end; see Credit.
    ahead = Integer.parseInt(options.getOrDefault("ahead", "1000"));
    Path folder = Files.createTempDirectory("vigil-bench");
    Map<String, String> settings = new HashMap<>();
    settings.put("data.dir", folder.resolve("gw").toString());
    settings.put("http.port", "0");
    settings.put("mqtt.embedded.persistent", "false");
    settings.put("mqtt.embedded.port", Integer.toString(freePort()));
    settings.put("mqtt.client-id", "vigil-gw-bench-" + ProcessHandle.current().pid());
    settings.put("mqtt.share-group", "vigil-bench-" + ProcessHandle.current().pid());
    settings.put("mqtt.session-expiry-s", "60");
    settings.put("alerts.sinks", "mqtt");
    // Options with a dot are gateway settings (db.url, db.user, mqtt.url, ...), as in its config.
    options.forEach(
        (key, value) -> {
          if (key.contains(".")) {
            settings.put(key, value);
          }
        });
    String run = Long.toString(System.currentTimeMillis(), 36);
    FreshSchema schema = FreshSchema.createFor(settings, run);
    String verdict;
    try (Gateway gateway = Gateway.start(GatewayConfig.load(Optional.empty(), settings))) {
      OUT.printf(
          "database %s, broker %s%n",
          settings.getOrDefault("db.url", "embedded H2"), gateway.brokerUrl());
      verdict =
          run(gateway, settings, run, folder, devices, messages, publishers, rate, pacedSeconds);
    } finally {
      if (schema != null) {
        schema.close();
      }
    }
    // The last line, parsed by scripts: printed after shutdown so no log line follows it.
    OUT.println(verdict);
    OUT.flush();
    System.exit(0);
  }

  /** Runs the phases, printing as it goes; returns the verdict line. */
  private static String run(
      Gateway gateway,
      Map<String, String> settings,
      String run,
      Path folder,
      int devices,
      int messages,
      int publishers,
      int rate,
      int pacedSeconds)
      throws Exception {
    PublicKey gatewayKey =
        KeyPairs.publicFromPem(
            Files.readString(folder.resolve("gw/keys").resolve(GatewayKeys.PUBLIC_FILE)));
    Fleet fleet = Fleet.enrol(gateway, folder, gatewayKey, run, devices);
    Load blast = fleet.seal(messages, 0);
    Load paced = fleet.seal(rate * pacedSeconds, messages / devices + 1);
    OUT.printf(
        "prepared %d + %d sealed positions from %d devices, %d bytes each on the wire%n",
        messages, paced.size(), devices, blast.payloads().get(0).length);

    Latencies latencies = new Latencies();
    MqttClient controlRoom =
        new MqttClient(gateway.brokerUrl(), "bench-control-" + run, new MemoryPersistence());
    controlRoom.connect();
    controlRoom.subscribe(
        new MqttSubscription[] {new MqttSubscription(Topics.CONTROL_ALERTS_FILTER, 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
          (topic, message) -> latencies.record(AlertJson.read(message.getPayload()))
        });
    Map<String, String> panicDevice = enrolPanicDevice(gateway, folder, run);
    try (Device device = Device.start(DeviceConfig.load(Optional.empty(), panicDevice))) {
      FakePanicButton button = (FakePanicButton) device.panicButton();
      Thread.sleep(2_000); // the agent connects
      warmUp(button, latencies);

      // Phase 0: the yardstick. The same messages through the same broker to counting subscribers.
      // A first, unmeasured tenth warms the path up (an embedded broker runs in this very JVM).
      Load warmUp = blast.first(blast.size() / 10);
      PassThrough.rate(
          gateway.brokerUrl(), run, "w", publishers, warmUp, subscribers(settings), ahead);
      double brokerPerS =
          PassThrough.rate(
              gateway.brokerUrl(), run, "r", publishers, blast, subscribers(settings), ahead);
      OUT.printf("phase 0, broker pass-through: %.0f msg/s%n", brokerPerS);

      // Phase 1: throughput. Everything published as fast as the broker takes it. The panic agent
      // publishes nothing meanwhile (see enrolPanicDevice), so the stored counter moves only for
      // the fleet's messages; the rows in the store confirm it after the wait.
      long storedBefore = gateway.counters().storedCount();
      long start = System.nanoTime();
      Credit credit = new Credit(() -> gateway.counters().storedCount() - storedBefore, ahead);
      publish(gateway.brokerUrl(), run + "a", publishers, blast, 0, credit);
      double seconds =
          awaitCount(
              () -> gateway.counters().storedCount() - storedBefore, messages, start, "gateway");
      long counted = gateway.counters().storedCount() - storedBefore;
      long stored = fleet.storedRows(gateway, messages);
      OUT.printf(
          "phase 1, throughput: stored %d of %d messages in %.2f s (counter %d)%n",
          stored, messages, seconds, counted);

      // Phase 2: panic latency under a steady background load of `rate` messages per second.
      Thread load =
          new Thread(
              () -> publish(gateway.brokerUrl(), run + "b", publishers, paced, rate, Credit.NONE));
      load.start();
      int presses = 0;
      while (load.isAlive()) {
        Thread.sleep(100);
        button.press();
        presses++;
      }
      Thread.sleep(1_000);
      OUT.printf(
          "phase 2, panic under %d msg/s of telemetry for %d s: %d alerts for %d presses%n",
          rate, pacedSeconds, latencies.count(), presses);
      OUT.printf("panic press -> control room: %s%n", latencies.total());
      OUT.printf("  press -> gateway receipt: %s%n", latencies.toGateway());
      OUT.printf("  gateway receipt -> control room: %s%n", latencies.fromGateway());
      if (FAILED_PUBLISHES.sum() > 0) {
        OUT.printf("WARNING publishers: %d publishes failed%n", FAILED_PUBLISHES.sum());
      }
      double storedPerS = stored / seconds;
      controlRoom.disconnect();
      return String.format(
          Locale.ROOT,
          "stored_per_s=%.0f broker_per_s=%.0f ratio=%.2f",
          storedPerS,
          brokerPerS,
          storedPerS / brokerPerS);
    }
  }

  /** Counting subscribers shaped like the gateway's telemetry connections (see GatewayConfig). */
  private static PassThrough.Subscribers subscribers(Map<String, String> settings) {
    boolean external = !settings.getOrDefault("mqtt.url", "").isBlank();
    int connections =
        external ? Integer.parseInt(settings.getOrDefault("mqtt.ingest-connections", "2")) : 1;
    int receiveMaximum = Integer.parseInt(settings.getOrDefault("mqtt.receive-maximum", "1000"));
    return new PassThrough.Subscribers(connections, receiveMaximum, external);
  }

  /**
   * Waits until {@code count} reaches {@code target}, or until it has not moved for 10 s (the
   * broker lost some: printed, never hidden). Returns the seconds from {@code startNanos} to the
   * last message counted.
   */
  static double awaitCount(LongSupplier count, long target, long startNanos, String what)
      throws InterruptedException {
    long seen = count.getAsLong();
    long lastNanos = System.nanoTime();
    while (seen < target && System.nanoTime() - lastNanos < TimeUnit.SECONDS.toNanos(10)) {
      Thread.sleep(2);
      long now = count.getAsLong();
      if (now != seen) {
        seen = now;
        lastNanos = System.nanoTime();
      }
    }
    if (seen < target) {
      OUT.printf(
          "WARNING %s: %d of %d messages arrived; the broker dropped %d (Mosquitto logs"
              + " 'Outgoing messages are being dropped for client ...')%n",
          what, seen, target, target - seen);
    }
    return (lastNanos - startNanos) / 1e9;
  }

  /** Press-to-alert figures, from the alert itself: one JVM, one clock. */
  private static final class Latencies {
    private final List<Long> total = new ArrayList<>();
    private final List<Long> toGateway = new ArrayList<>();
    private final List<Long> fromGateway = new ArrayList<>();
    private final java.util.Map<String, Integer> counts = new java.util.HashMap<>();

    /**
     * Repeated presses merge into one open alert, published again for each; its newest press and
     * the gateway's receipt of it are {@code lastRaisedAt} and {@code updatedAt}. Only a message
     * whose {@code count} grew is a press; other changes (an escalation after 60 s) are not.
     */
    synchronized void record(dev.vigil.protocol.alert.ControlAlert alert) {
      Integer before = counts.put(alert.alertId(), alert.progress().count());
      if (before != null && before >= alert.progress().count()) {
        return;
      }
      long nowMs = System.currentTimeMillis();
      long raisedMs = alert.progress().lastRaisedAt().toEpochMilli(); // the press
      long receivedMs = alert.progress().updatedAt().toEpochMilli(); // the gateway's receipt
      total.add(nowMs - raisedMs);
      toGateway.add(receivedMs - raisedMs);
      fromGateway.add(nowMs - receivedMs);
    }

    synchronized void clear() {
      total.clear();
      toGateway.clear();
      fromGateway.clear();
    }

    synchronized int count() {
      return total.size();
    }

    synchronized String total() {
      return millis(total);
    }

    synchronized String toGateway() {
      return millis(toGateway);
    }

    synchronized String fromGateway() {
      return millis(fromGateway);
    }
  }

  private static void warmUp(FakePanicButton button, Latencies latencies)
      throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      button.press();
      Thread.sleep(200);
    }
    Thread.sleep(1_000);
    latencies.clear();
  }

  private static String millis(List<Long> values) {
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    if (sorted.length == 0) {
      return "none";
    }
    return String.format(
        "p50_ms=%.0f p99_ms=%.0f max_ms=%d",
        percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1]);
  }

  private static double percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }

  /** Sealed messages with their topics, in publishing order. */
  record Load(List<String> topics, List<byte[]> payloads) {
    int size() {
      return payloads.size();
    }

    Load first(int count) {
      return new Load(topics.subList(0, count), payloads.subList(0, count));
    }
  }

  /** Simulated devices: registered with the gateway, each with its uplink key. */
  private record Fleet(String[] ids, EnvelopeKey[] keys) {
    static Fleet enrol(Gateway gateway, Path folder, PublicKey gatewayKey, String run, int devices)
        throws Exception {
      String[] ids = new String[devices];
      EnvelopeKey[] keys = new EnvelopeKey[devices];
      for (int d = 0; d < devices; d++) {
        ids[d] = "bench-" + run + "-" + d;
        Path keyFolder = folder.resolve(ids[d]);
        Path publicKey = DeviceKeys.generate(keyFolder);
        gateway
            .registry()
            .register(ids[d], "VEH-" + ids[d], Files.readString(publicKey), Instant.now());
        keys[d] =
            EnvelopeKey.derive(
                DeviceKeys.load(keyFolder).getPrivate(), gatewayKey, ids[d], 1, Direction.UPLINK);
      }
      return new Fleet(ids, keys);
    }

    /** Rows in the store from this fleet, read back per vehicle: the truth behind the counter. */
    long storedRows(Gateway gateway, int limit) throws Exception {
      long rows = 0;
      for (String id : ids) {
        rows += gateway.store().positions("VEH-" + id, ANY_FROM, ANY_TO, limit + 1).size();
      }
      return rows;
    }

    /** {@code count} positions round-robin over the devices, sequence numbers from seqFrom+1. */
    Load seal(int count, long seqFrom) {
      List<String> topics = new ArrayList<>(count);
      List<byte[]> payloads = new ArrayList<>(count);
      long t0 = Instant.now().toEpochMilli();
      for (int i = 0; i < count; i++) {
        int d = i % ids.length;
        long seq = seqFrom + i / ids.length + 1;
        String topic = Topics.up(ids[d], UpKind.POS);
        byte[] plaintext =
            Position.newBuilder()
                .setFixTimeMs(t0 + seq * 1000)
                .setLatDeg(48.1 + d * 1e-3)
                .setLonDeg(11.5 + seq * 1e-6)
                .setSpeedMps(12.5f)
                .setHeadingDeg(271.5f)
                .setAltitudeM(520f)
                .setFixMode(FixMode.FIX_MODE_3D)
                .setSatellites(11)
                .setHdop(0.8f)
                .build()
                .toByteArray();
        topics.add(topic);
        payloads.add(Envelope.seal(keys[d], Suite.AES_256_GCM, topic, seq, plaintext));
      }
      return new Load(topics, payloads);
    }
  }

  private static Map<String, String> enrolPanicDevice(Gateway gateway, Path folder, String run)
      throws Exception {
    String id = "bench-panic-" + run;
    Path data = folder.resolve(id);
    Path publicKey = DeviceKeys.generate(data.resolve("keys"));
    gateway.registry().register(id, "VEH-PANIC", Files.readString(publicKey), Instant.now());
    Map<String, String> settings = new HashMap<>();
    settings.put("device.id", id);
    settings.put("vehicle.id", "VEH-PANIC");
    settings.put("data.dir", data.toString());
    settings.put("mqtt.url", gateway.brokerUrl());
    settings.put("gateway.public-key", folder.resolve("gw/keys/gateway-public.pem").toString());
    settings.put(
        "gnss.replay.file", Path.of("scripts/data/munich-gps.nmea").toAbsolutePath().toString());
    // Quiet but for its presses: its positions and health reports would move the stored counter
    // that phase 1 measures, and keep its wait from ever ending when the broker drops a message.
    settings.put("position.interval-ms", "3600000");
    settings.put("health.interval-s", "86400");
    return settings;
  }

  /** Publishes a load over several connections; {@code rate} messages/s in all, 0 = flat out. */
  static void publish(String url, String run, int publishers, Load load, int rate, Credit credit) {
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < publishers; p++) {
      int first = p;
      String clientId = "bench-pub-" + run + "-" + p;
      Thread thread =
          new Thread(
              () ->
                  publishShare(
                      url, clientId, first, publishers, load, rate / (double) publishers, credit),
              "bench-publisher-" + p);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Publishes every {@code step}-th message from {@code first}, QoS 1, within the broker's window.
   */
  private static void publishShare(
      String url, String clientId, int first, int step, Load load, double ratePerS, Credit credit) {
    try {
      MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
      IMqttToken connected = client.connect();
      connected.waitForCompletion(10_000);
      // Never more in flight than the broker allows (MQTT 5 receive maximum; Mosquitto: 20).
      Integer brokerMax = connected.getResponseProperties().getReceiveMaximum();
      int window = Math.min(200, brokerMax == null ? 65_535 : brokerMax);
      Semaphore slots = new Semaphore(window);
      MqttActionListener release =
          new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              slots.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
              FAILED_PUBLISHES.increment(); // lost before the broker took it: reported, not hidden
              slots.release();
            }
          };
      long start = System.nanoTime();
      long sent = 0;
      for (int i = first; i < load.size(); i += step) {
        if (ratePerS > 0) {
          long dueNanos = start + (long) (sent++ / ratePerS * 1e9);
          long waitNanos = dueNanos - System.nanoTime();
          if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
          }
        }
        credit.acquire();
        slots.acquire();
        client.publish(
            load.topics().get(i),
            new MqttMessage(load.payloads().get(i), 1, false, null),
            null,
            release);
      }
      slots.acquire(window);
      client.disconnect().waitForCompletion(10_000);
      client.close();
    } catch (Exception e) {
      throw new IllegalStateException("publisher " + clientId + " failed", e);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private IngestBench() {}
}
