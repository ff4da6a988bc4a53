package dev.vigil.gateway.bench;

import dev.vigil.device.Device;
import dev.vigil.device.DeviceConfig;
import dev.vigil.device.button.FakePanicButton;
import dev.vigil.device.gps.FixMode;
import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.link.SealedUplink;
import dev.vigil.device.link.SequenceCounter;
import dev.vigil.device.link.WireMessages;
import dev.vigil.device.outbox.Lane;
import dev.vigil.device.outbox.Outbox;
import dev.vigil.device.provisioning.DeviceKeys;
import dev.vigil.gateway.Gateway;
import dev.vigil.gateway.GatewayConfig;
import dev.vigil.gateway.keys.GatewayKeys;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.UpKind;
import dev.vigil.protocol.alert.AlertJson;
import dev.vigil.protocol.alert.AlertType;
import dev.vigil.protocol.alert.ControlAlert;
import dev.vigil.protocol.envelope.Direction;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.envelope.Suite;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

/**
 * Store-and-forward figures, printed, never asserted ({@code scripts/bench-drain}): a device comes
 * out of a 24-hour outage with 86,400 positions (1 Hz) in its outbox; the bench measures how long
 * the real agent takes to deliver them to a real gateway on loopback (default settings: embedded
 * broker and database, drain rate {@code outbox.rate-per-s} = 2,000), and how long panics pressed
 * during the drain take from the press to a control-room subscriber.
 */
public final class DrainBench {
  private static final PrintStream OUT = System.out;
  private static final String DEVICE = "drain-1";

  private record Arrival(ControlAlert alert, long atNanos) {}

  public static void main(String[] args) throws Exception {
    int backlog = args.length > 0 ? Integer.parseInt(args[0]) : 86_400;
    Path folder = Files.createTempDirectory("vigil-drain-bench");
    try (Gateway gateway = Gateway.start(GatewayConfig.load(Optional.empty(), gateway(folder)))) {
      Path deviceData = folder.resolve("device");
      Path publicKey = DeviceKeys.generate(deviceData.resolve("keys"));
      gateway.registry().register(DEVICE, "VEH-DRAIN", Files.readString(publicKey), Instant.now());
      Path gatewayKey = folder.resolve("gateway/keys/" + GatewayKeys.PUBLIC_FILE);
      long fillStart = System.nanoTime();
      fill(deviceData, gatewayKey, backlog);
      OUT.printf("outbox filled with %d positions in %.1f s%n", backlog, since(fillStart));
      List<Arrival> desk = new CopyOnWriteArrayList<>();
      MqttClient controlRoom = controlRoom(gateway.brokerUrl(), desk);
      run(gateway, device(deviceData, gatewayKey, gateway.brokerUrl()), backlog, desk);
      controlRoom.disconnect();
      controlRoom.close();
    }
  }

  private static void run(
      Gateway gateway, Map<String, String> device, int backlog, List<Arrival> desk)
      throws Exception {
    long start = System.nanoTime();
    List<Long> pressNanos = new ArrayList<>();
    List<Instant> pressedAt = new ArrayList<>();
    try (Device agent = Device.start(DeviceConfig.load(Optional.empty(), device))) {
      long[] pressAtS = {5, 15, 25};
      while (agent.outboxWaiting() > 5 || gateway.counters().storedCount() < backlog) {
        double elapsed = since(start);
        // Pressed during the drain: on time, once the link is up and the backlog moving.
        boolean draining = agent.outboxWaiting() < backlog - 1_000;
        if (pressNanos.size() < pressAtS.length
            && elapsed >= pressAtS[pressNanos.size()]
            && draining) {
          pressedAt.add(Instant.now().truncatedTo(ChronoUnit.MILLIS));
          pressNanos.add(System.nanoTime());
          ((FakePanicButton) agent.panicButton()).press();
          OUT.printf(
              "panic pressed at %.1f s, %d records still waiting%n",
              elapsed, agent.outboxWaiting());
        }
        if (elapsed > 600) {
          throw new IllegalStateException("not drained after 600 s");
        }
        Thread.sleep(20);
      }
      double seconds = since(start);
      OUT.printf(
          "backlog drain: %d positions delivered and acknowledged in %.1f s (%.0f/s) on loopback,"
              + " from agent start (outbox recovery included)%n",
          backlog, seconds, backlog / seconds);
      Thread.sleep(1_000);
    }
    for (int i = 0; i < pressNanos.size(); i++) {
      Arrival arrival = firstPanicFrom(desk, pressedAt.get(i));
      OUT.printf(
          "panic %d during the drain: press -> control-room subscriber %s%n",
          i + 1,
          arrival == null
              ? "NEVER ARRIVED"
              : "%.1f ms".formatted((arrival.atNanos() - pressNanos.get(i)) / 1e6));
    }
  }

  private static Arrival firstPanicFrom(List<Arrival> desk, Instant pressed) {
    for (Arrival arrival : desk) {
      if (arrival.alert().type() == AlertType.PANIC
          && !arrival.alert().raisedAt().isBefore(pressed)) {
        return arrival;
      }
    }
    return null;
  }

  /** The backlog a 24-hour outage leaves: one sealed position per second, oldest first. */
  private static void fill(Path deviceData, Path gatewayKey, int backlog) throws Exception {
    KeyPair own = DeviceKeys.load(deviceData.resolve("keys"));
    EnvelopeKey key =
        EnvelopeKey.derive(
            own.getPrivate(),
            KeyPairs.publicFromPem(Files.readString(gatewayKey)),
            DEVICE,
            1,
            Direction.UPLINK);
    SealedUplink uplink =
        new SealedUplink(
            DEVICE,
            key,
            Suite.AES_256_GCM,
            SequenceCounter.open(deviceData.resolve("sequence"), 1_000));
    Instant first = Instant.now().minusSeconds(backlog).truncatedTo(ChronoUnit.SECONDS);
    try (Outbox outbox =
        Outbox.open(new Outbox.Settings(deviceData.resolve("outbox"), 4L << 20, 256L << 20))) {
      for (int i = 0; i < backlog; i++) {
        GnssFix fix =
            new GnssFix(
                first.plusSeconds(i),
                48.137 + i * 1e-6,
                11.575,
                8.4,
                OptionalDouble.of(92.5),
                OptionalDouble.of(520),
                FixMode.THREE_D,
                9,
                OptionalDouble.of(0.9));
        byte[] position = WireMessages.position(fix).toByteArray();
        outbox.append(uplink.seal(UpKind.POS, Lane.POSITION, position), i % 10_000 == 9_999);
      }
    }
  }

  private static Map<String, String> gateway(Path folder) throws Exception {
    Map<String, String> settings = new HashMap<>();
    settings.put("data.dir", folder.resolve("gateway").toString());
    settings.put("http.port", "0");
    settings.put("mqtt.embedded.port", Integer.toString(freePort()));
    settings.put("mqtt.embedded.persistent", "false");
    settings.put("mqtt.client-id", "drain-bench-gw");
    return settings;
  }

  private static Map<String, String> device(Path data, Path gatewayKey, String brokerUrl) {
    Map<String, String> settings = new HashMap<>();
    settings.put("device.id", DEVICE);
    settings.put("vehicle.id", "VEH-DRAIN");
    settings.put("data.dir", data.toString());
    settings.put("mqtt.url", brokerUrl);
    settings.put("gateway.public-key", gatewayKey.toString());
    settings.put("gnss.replay.file", "scripts/data/munich-gps.nmea");
    return settings;
  }

  private static MqttClient controlRoom(String brokerUrl, List<Arrival> desk) throws Exception {
    MqttClient client = new MqttClient(brokerUrl, "drain-bench-desk", new MemoryPersistence());
    client.connect();
    // The array form: Paho's subscribe(String, int, listener) recurses into itself (1.2.5).
    client.subscribe(
        new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
          new org.eclipse.paho.mqttv5.common.MqttSubscription(Topics.CONTROL_ALERTS_FILTER, 1)
        },
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
          (topic, message) ->
              desk.add(new Arrival(AlertJson.read(message.getPayload()), System.nanoTime()))
        });
    return client;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static double since(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private DrainBench() {}
}
