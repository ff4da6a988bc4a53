package dev.vigil.device.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.tls.PemTls;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;

/**
 * {@code vigil-device enroll}: makes (or reuses) the box's key, sends a CSR with the one-time token
 * to the gateway's {@code POST /api/enroll}, checks what comes back (the certificate names this
 * device and this key, and is signed by the CA that came with it), and stores it with {@link
 * EnrolledFiles}. The private key never leaves the box.
 */
public final class Enroller {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What to enrol: the gateway's HTTP base URL, the token and this box's id and data folder. */
  public record Request(URI gateway, String token, String deviceId, Path dataDir) {}

  /** Enrolment refused by the gateway, or an answer that fails the checks. */
  public static final class Failed extends Exception {
    public Failed(String message) {
      super(message);
    }
  }

  private Enroller() {}

  public static void enrol(Request request, PrintStream out) throws Exception {
    if (!Topics.isValidId(request.deviceId())) {
      throw new IllegalArgumentException(
          "device id '" + request.deviceId() + "' may hold only letters, digits, '.', '_', '-'");
    }
    KeyPair key = ownKey(request.dataDir().resolve("keys"), out);
    JsonNode answer = post(request, CertificateRequest.pem(key, request.deviceId()));
    X509Certificate certificate = PemTls.certificates(text(answer, "certificate")).get(0);
    X509Certificate ca = PemTls.certificates(text(answer, "caChain")).get(0);
    check(certificate, ca, key, request.deviceId());
    KeyPairs.publicFromPem(text(answer, "gatewayPublicKey"));
    store(request.dataDir(), answer);
    report(answer, certificate, ca, out);
  }

  private static KeyPair ownKey(Path keys, PrintStream out) throws IOException {
    if (!Files.exists(keys.resolve(DeviceKeys.PRIVATE_FILE))) {
      DeviceKeys.generate(keys);
      out.println("generated this box's key pair in " + keys + " (private key mode 0600)");
    } else {
      out.println("using this box's existing key pair in " + keys);
    }
    return DeviceKeys.load(keys);
  }

  private static JsonNode post(Request request, String csr) throws Exception {
    byte[] body =
        JSON.writeValueAsBytes(
            Map.of("token", request.token(), "deviceId", request.deviceId(), "csr", csr));
    HttpRequest http =
        HttpRequest.newBuilder(request.gateway().resolve("/api/enroll"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<byte[]> response;
    try {
      response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .build()
              .send(http, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      // The token is not spent: the same command can simply be run again.
      throw new Failed(
          "cannot reach the gateway at "
              + request.gateway()
              + " ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + "); try again");
    }
    JsonNode answer = JSON.readTree(response.body());
    if (response.statusCode() != 200) {
      String error = answer != null && answer.has("error") ? answer.get("error").asText() : "";
      throw new Failed(
          "the gateway refused enrolment (HTTP " + response.statusCode() + "): " + error);
    }
    return answer;
  }

  private static void check(X509Certificate certificate, X509Certificate ca, KeyPair key, String id)
      throws Failed {
    try {
      certificate.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new Failed("the certificate is not signed by the CA sent with it");
    }
    if (!certificate.getPublicKey().equals(key.getPublic())) {
      throw new Failed("the certificate is not for this box's key");
    }
    String subject = certificate.getSubjectX500Principal().getName();
    if (!java.util.List.of(subject.split(",")).contains("CN=" + id)) {
      throw new Failed("the certificate does not name device " + id);
    }
  }

  private static void store(Path dataDir, JsonNode answer) throws IOException {
    Path folder = EnrolledFiles.folder(dataDir);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve(EnrolledFiles.CERTIFICATE), text(answer, "certificate"));
    Files.writeString(folder.resolve(EnrolledFiles.CA), text(answer, "caChain"));
    Files.writeString(folder.resolve(EnrolledFiles.GATEWAY_KEY), text(answer, "gatewayPublicKey"));
    Properties settings = new Properties();
    settings.setProperty("device.id", text(answer, "deviceId"));
    settings.setProperty("vehicle.id", text(answer, "vehicleId"));
    settings.setProperty("mqtt.url", text(answer, "brokerUrl"));
    settings.setProperty("keys.epoch", answer.path("keyEpoch").asText("1"));
    settings.setProperty(
        "gateway.public-key", folder.resolve(EnrolledFiles.GATEWAY_KEY).toString());
    settings.setProperty(
        "mqtt.tls.certificate", folder.resolve(EnrolledFiles.CERTIFICATE).toString());
    settings.setProperty("mqtt.tls.ca", folder.resolve(EnrolledFiles.CA).toString());
    try (Writer writer = Files.newBufferedWriter(folder.resolve(EnrolledFiles.SETTINGS))) {
      settings.store(writer, "Written by 'vigil-device enroll'; settings in device.properties win");
    }
  }

  private static void report(
      JsonNode answer, X509Certificate certificate, X509Certificate ca, PrintStream out)
      throws GeneralSecurityException {
    out.println(
        "enrolled device "
            + text(answer, "deviceId")
            + " for vehicle "
            + text(answer, "vehicleId"));
    out.println("broker:            " + text(answer, "brokerUrl"));
    out.println("certificate until: " + certificate.getNotAfter().toInstant());
    out.println("fleet CA SHA-256:  " + fingerprint(ca));
    out.println(
        "CHECK: the fleet CA fingerprint above must equal the one 'vigil-gateway token"
            + " create' printed; if not, do not use this box: run 'vigil-device enroll' again with a"
            + " new token against the right gateway.");
  }

  static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
  }

  private static String text(JsonNode answer, String field) {
    JsonNode node = answer.get(field);
    if (node == null || !node.isValueNode()) {
      throw new IllegalStateException("the gateway's answer has no " + field);
    }
    return node.asText();
  }
}
