package dev.vigil.gateway.e2e;

import dev.vigil.device.Device;
import dev.vigil.device.DeviceConfig;
import dev.vigil.device.provisioning.DeviceKeys;
import dev.vigil.gateway.Gateway;
import dev.vigil.gateway.GatewayConfig;
import dev.vigil.gateway.keys.GatewayKeys;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds the real programs for end-to-end tests: a gateway (its real broker, database and HTTP) and
 * enrolled device agents, each in its own temporary folder, with ids unique to the run so tests
 * sharing the machine's Mosquitto never see each other's messages.
 */
final class TestFleet {
  static final Path MUNICH_DRIVE = Path.of("../scripts/data/munich-gps.nmea");

  private final Path folder;
  final String runId = UUID.randomUUID().toString().substring(0, 8);

  TestFleet(Path folder) {
    this.folder = folder;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Settings for a gateway with embedded H2; {@code mqttUrl} empty means the embedded broker. */
  Map<String, String> gatewaySettings(Optional<String> mqttUrl) throws IOException {
    Map<String, String> settings = new HashMap<>();
    settings.put("data.dir", folder.resolve("gateway").toString());
    settings.put("http.port", "0");
    settings.put("mqtt.client-id", "vigil-gw-test-" + runId);
    settings.put("mqtt.share-group", "vigil-gw-test-" + runId);
    settings.put("mqtt.session-expiry-s", "60");
    mqttUrl.ifPresentOrElse(
        url -> settings.put("mqtt.url", url),
        () -> {
          try {
            settings.put("mqtt.embedded.port", Integer.toString(freePort()));
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
    settings.put("mqtt.embedded.persistent", "false");
    return settings;
  }

  Gateway startGateway(Map<String, String> settings) throws Exception {
    return Gateway.start(GatewayConfig.load(Optional.empty(), settings));
  }

  /** Generates a device key on "the box", registers it with the gateway, returns its settings. */
  Map<String, String> enrol(Gateway gateway, String deviceId, String vehicleId) throws Exception {
    Path deviceData = folder.resolve("device-" + deviceId);
    Path publicKey = DeviceKeys.generate(deviceData.resolve("keys"));
    gateway.registry().register(deviceId, vehicleId, Files.readString(publicKey), Instant.now());
    Map<String, String> settings = new HashMap<>();
    settings.put("device.id", deviceId);
    settings.put("vehicle.id", vehicleId);
    settings.put("data.dir", deviceData.toString());
    settings.put("mqtt.url", gateway.brokerUrl());
    settings.put(
        "gateway.public-key",
        folder.resolve("gateway").resolve("keys").resolve(GatewayKeys.PUBLIC_FILE).toString());
    settings.put("gnss.replay.file", MUNICH_DRIVE.toString());
    settings.put("gnss.replay.speed", "20");
    settings.put("position.interval-ms", "200");
    return settings;
  }

  Device startDevice(Map<String, String> settings) throws Exception {
    return Device.start(DeviceConfig.load(Optional.empty(), settings));
  }

  /**
   * A simulated device {@code sim-NAME-RUN} of vehicle {@code VEH-NAME-RUN}, registered with {@code
   * gateway} and sealing for its key, publishing to {@code brokerUrl}.
   */
  SimDevice sim(dev.vigil.gateway.Gateway gateway, String name, String brokerUrl) throws Exception {
    java.security.PublicKey key =
        dev.vigil.protocol.envelope.KeyPairs.publicFromPem(
            java.nio.file.Files.readString(
                folder.resolve("gateway").resolve("keys").resolve(GatewayKeys.PUBLIC_FILE)));
    return new SimDevice(
        "sim-" + name + "-" + runId,
        "VEH-" + name + "-" + runId,
        key,
        gateway.registry(),
        brokerUrl);
  }
}
