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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
 * presses=40 db.url=... mqtt.url=...}.
 */
public final class IngestBench {
  private static final PrintStream OUT = System.out;

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      options.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    int devices = Integer.parseInt(options.getOrDefault("devices", "100"));
    int messages = Integer.parseInt(options.getOrDefault("messages", "200000"));
    int publishers = Integer.parseInt(options.getOrDefault("publishers", "4"));
    int presses = Integer.parseInt(options.getOrDefault("presses", "40"));
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
    if (options.containsKey("db.url")) {
      settings.put("db.url", options.get("db.url"));
      settings.put("db.user", options.getOrDefault("db.user", ""));
    }
    if (options.containsKey("mqtt.url")) {
      settings.put("mqtt.url", options.get("mqtt.url"));
    }
    try (Gateway gateway = Gateway.start(GatewayConfig.load(Optional.empty(), settings))) {
      run(gateway, folder, devices, messages, publishers, presses);
    }
    System.exit(0);
  }

  private static void run(
      Gateway gateway, Path folder, int devices, int messages, int publishers, int presses)
      throws Exception {
    PublicKey gatewayKey =
        KeyPairs.publicFromPem(
            Files.readString(folder.resolve("gw/keys").resolve(GatewayKeys.PUBLIC_FILE)));
    String run = Long.toString(System.currentTimeMillis(), 36);
    List<byte[]> payloads = new ArrayList<>(messages);
    List<String> topics = new ArrayList<>(messages);
    seal(gateway, folder, gatewayKey, run, devices, messages, payloads, topics);
    OUT.printf(
        "prepared %d sealed positions from %d devices, %d bytes each on the wire%n",
        messages, devices, payloads.get(0).length);

    Map<String, String> panicDevice = enrolPanicDevice(gateway, folder, run);
    // One device, one ingest thread: its alerts arrive in the order it pressed.
    java.util.Queue<Long> pressedAt = new java.util.concurrent.ConcurrentLinkedQueue<>();
    List<Long> latenciesNanos = java.util.Collections.synchronizedList(new ArrayList<>());
    MqttClient controlRoom =
        new MqttClient(gateway.brokerUrl(), "bench-control-" + run, new MemoryPersistence());
    controlRoom.connect();
    controlRoom.subscribe(
        new MqttSubscription[] {new MqttSubscription(Topics.CONTROL_ALERTS_FILTER, 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
          (topic, message) -> {
            long now = System.nanoTime();
            AlertJson.read(message.getPayload()); // a real client parses what it receives
            Long pressed = pressedAt.poll();
            if (pressed != null) {
              latenciesNanos.add(now - pressed);
            }
          }
        });

    try (Device device = Device.start(DeviceConfig.load(Optional.empty(), panicDevice))) {
      FakePanicButton button = (FakePanicButton) device.panicButton();
      long storedBefore = gateway.counters().storedCount();
      long start = System.nanoTime();
      Thread load =
          new Thread(() -> publish(gateway.brokerUrl(), run, publishers, payloads, topics));
      load.start();
      for (int press = 1; press <= presses; press++) {
        Thread.sleep(250);
        pressedAt.add(System.nanoTime());
        button.press();
      }
      load.join();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (gateway.counters().storedCount() - storedBefore < messages + presses
          && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long stored = gateway.counters().storedCount() - storedBefore;
      Thread.sleep(1_000);
      report(stored, seconds, latenciesNanos, presses);
    }
    controlRoom.disconnect();
  }

  private static void report(long stored, double seconds, List<Long> latenciesNanos, int presses) {
    long[] sorted = latenciesNanos.stream().mapToLong(Long::longValue).sorted().toArray();
    OUT.printf("stored %d messages in %.2f s%n", stored, seconds);
    OUT.printf("panic alerts received: %d of %d presses%n", sorted.length, presses);
    if (sorted.length > 0) {
      OUT.printf(
          "panic press -> control room: p50_ms=%.1f p99_ms=%.1f max_ms=%.1f%n",
          percentile(sorted, 50) / 1e6,
          percentile(sorted, 99) / 1e6,
          sorted[sorted.length - 1] / 1e6);
    }
    OUT.printf("stored_per_s=%.0f%n", stored / seconds);
  }

  private static double percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }

  private static void seal(
      Gateway gateway,
      Path folder,
      PublicKey gatewayKey,
      String run,
      int devices,
      int messages,
      List<byte[]> payloads,
      List<String> topics)
      throws Exception {
    EnvelopeKey[] keys = new EnvelopeKey[devices];
    String[] ids = new String[devices];
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
    long t0 = Instant.now().toEpochMilli();
    for (int i = 0; i < messages; i++) {
      int d = i % devices;
      long seq = i / devices + 1;
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
    settings.put("position.interval-ms", "1000");
    return settings;
  }

  private static void publish(
      String url, String run, int publishers, List<byte[]> payloads, List<String> topics) {
    CountDownLatch done = new CountDownLatch(publishers);
    for (int p = 0; p < publishers; p++) {
      int first = p;
      new Thread(
              () -> {
                try {
                  MqttAsyncClient client =
                      new MqttAsyncClient(
                          url, "bench-pub-" + run + "-" + first, new MemoryPersistence());
                  client.connect().waitForCompletion(10_000);
                  Semaphore window = new Semaphore(200);
                  for (int i = first; i < payloads.size(); i += publishers) {
                    window.acquire();
                    client.publish(
                        topics.get(i),
                        new MqttMessage(payloads.get(i), 1, false, null),
                        null,
                        new MqttActionListener() {
                          @Override
                          public void onSuccess(IMqttToken token) {
                            window.release();
                          }

                          @Override
                          public void onFailure(IMqttToken token, Throwable failure) {
                            window.release();
                          }
                        });
                  }
                  window.acquire(200);
                  client.disconnect().waitForCompletion(10_000);
                  client.close();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                } finally {
                  done.countDown();
                }
              },
              "bench-publisher-" + p)
          .start();
    }
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private IngestBench() {}
}
