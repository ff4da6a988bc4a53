package dev.vigil.gateway.broker;

import dev.vigil.device.provisioning.CertificateRequest;
import dev.vigil.device.provisioning.DeviceKeys;
import dev.vigil.device.provisioning.EnrolledFiles;
import dev.vigil.device.provisioning.Enroller;
import dev.vigil.gateway.Gateway;
import dev.vigil.gateway.GatewayConfig;
import dev.vigil.gateway.enrol.EnrolCommands;
import dev.vigil.protocol.envelope.Direction;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.settings.Arguments;
import dev.vigil.protocol.tls.PemTls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

/**
 * A real gateway with its embedded broker in mutual-TLS mode, and the tools the security tests use
 * on it: tokens from the operator's command, enrolment through the real HTTP endpoint, and MQTT
 * clients presenting whatever certificate a test wants. Ids are unique to the run.
 */
public final class SecureGateway implements AutoCloseable {
  /** A clock the tests can move forward (token expiry), starting at the real time. */
  public static final class MovableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration by) {
      offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  public final String run = UUID.randomUUID().toString().substring(0, 8);
  public final MovableClock clock = new MovableClock();
  public final Gateway gateway;
  private final Path folder;
  private final Map<String, String> settings = new HashMap<>();

  public SecureGateway(Path folder) throws Exception {
    this(folder, Map.of());
  }

  /** With {@code extra} gateway settings on top of the mutual-TLS ones. */
  public SecureGateway(Path folder, Map<String, String> extra) throws Exception {
    this.folder = folder;
    settings.put("data.dir", folder.resolve("gateway").toString());
    settings.put("http.port", "0");
    settings.put("mqtt.embedded.port", Integer.toString(freePort()));
    settings.put("mqtt.embedded.persistent", "false");
    settings.put("mqtt.embedded.tls", "true");
    settings.put("mqtt.client-id", "vigil-gw-" + run);
    settings.put("registry.revocation-poll-s", "1");
    settings.putAll(extra);
    gateway = Gateway.start(GatewayConfig.load(Optional.empty(), settings), clock);
  }

  public Map<String, String> settings() {
    return Map.copyOf(settings);
  }

  static int freePort() throws java.io.IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A token from {@code vigil-gateway token create}, as the operator gets it. */
  public String token(String vehicleId) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] args = arguments("--vehicle", vehicleId);
    EnrolCommands.createToken(Arguments.parse(args, 0), new PrintStream(out, true), clock);
    return out.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
  }

  /** {@code vigil-gateway keys rotate}; returns what it printed. */
  public String rotateKeys() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EnrolCommands.rotateKeys(Arguments.parse(arguments(), 0), new PrintStream(out, true), clock);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** {@code vigil-gateway revoke --device ID}. */
  public void revoke(String deviceId) throws Exception {
    EnrolCommands.revoke(
        Arguments.parse(arguments("--device", deviceId), 0),
        new PrintStream(new ByteArrayOutputStream()),
        clock);
  }

  private String[] arguments(String... options) {
    String[] args = new String[options.length + settings.size()];
    System.arraycopy(options, 0, args, 0, options.length);
    int i = options.length;
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      args[i++] = setting.getKey() + "=" + setting.getValue();
    }
    return args;
  }

  public URI httpBase() {
    return URI.create("http://127.0.0.1:" + gateway.httpPort());
  }

  /** Enrols a box the way an installer does; returns its data folder. */
  public Path enrol(String deviceId, String vehicleId) throws Exception {
    Path data = folder.resolve("box-" + deviceId);
    Enroller.enrol(
        new Enroller.Request(httpBase(), token(vehicleId), deviceId, data),
        new PrintStream(new ByteArrayOutputStream()));
    return data;
  }

  /** POSTs a raw enrolment request; returns the status and body. */
  public HttpResponse<String> postEnrol(String json) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(httpBase().resolve("/api/enroll"))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** A request body with a CSR for {@code cn}, signed by a fresh key. */
  public static String enrolJson(String token, String deviceId, String cn) throws Exception {
    String csr = CertificateRequest.pem(KeyPairs.generateP256(), cn);
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .writeValueAsString(Map.of("token", token, "deviceId", deviceId, "csr", csr));
  }

  /** The TLS context of an enrolled box. */
  public static SSLContext boxTls(Path data) throws Exception {
    Path enrolled = EnrolledFiles.folder(data);
    return PemTls.context(
        Files.readString(data.resolve("keys").resolve(DeviceKeys.PRIVATE_FILE)),
        Files.readString(enrolled.resolve(EnrolledFiles.CERTIFICATE)),
        Files.readString(enrolled.resolve(EnrolledFiles.CA)));
  }

  /** The uplink key of an enrolled box, as its agent derives it. */
  public static EnvelopeKey uplinkKey(Path data, String deviceId) throws Exception {
    KeyPair own = DeviceKeys.load(data.resolve("keys"));
    return EnvelopeKey.derive(
        own.getPrivate(),
        KeyPairs.publicFromPem(
            Files.readString(EnrolledFiles.folder(data).resolve(EnrolledFiles.GATEWAY_KEY))),
        deviceId,
        1,
        Direction.UPLINK);
  }

  public String brokerUrl() {
    return gateway.brokerUrl().replace("127.0.0.1", "localhost");
  }

  /** Connects an MQTT 5 client with {@code tls}; throws what Paho throws when refused. */
  public MqttClient connect(String clientId, SSLContext tls) throws Exception {
    MqttClient client = new MqttClient(brokerUrl(), clientId, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setSocketFactory(tls.getSocketFactory());
    options.setConnectionTimeout(10);
    options.setAutomaticReconnect(false);
    try {
      client.connect(options);
    } catch (Exception e) {
      client.close(true);
      throw e;
    }
    return client;
  }

  /** As {@link #connect}, with the asynchronous client (its tokens carry reason codes). */
  public MqttAsyncClient connectAsync(String clientId, SSLContext tls) throws Exception {
    MqttAsyncClient client = new MqttAsyncClient(brokerUrl(), clientId, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setSocketFactory(tls.getSocketFactory());
    options.setConnectionTimeout(10);
    client.connect(options).waitForCompletion(15_000);
    return client;
  }

  @Override
  public void close() {
    gateway.close();
  }
}
