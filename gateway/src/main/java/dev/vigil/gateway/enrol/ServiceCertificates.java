package dev.vigil.gateway.enrol;

import dev.vigil.gateway.keys.GatewayKeys;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.tls.PemTls;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Certificates the gateway issues to its own parts at every start: the embedded broker's server
 * certificate (written as PKCS#12 stores, as HiveMQ wants them) and the client certificate its own
 * MQTT connections present (kept in memory). Fresh keys each start: nothing to steal at rest but
 * the CA key itself.
 */
public final class ServiceCertificates {
  /** The broker's key store and trust store files and their (random) password. */
  public record BrokerStores(Path keyStore, Path trustStore, String password) {}

  private ServiceCertificates() {}

  public static BrokerStores writeBrokerStores(FleetCa ca, List<String> names, Path folder)
      throws IOException {
    KeyPair pair = KeyPairs.generateP256();
    X509Certificate server = ca.issueServer(names, pair.getPublic());
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    Files.createDirectories(folder);
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "broker",
          pair.getPrivate(),
          password.toCharArray(),
          new Certificate[] {server, ca.certificate()});
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("fleet-ca", ca.certificate());
      Path keyStore = folder.resolve("broker-keystore.p12");
      Path trustStore = folder.resolve("broker-truststore.p12");
      store(keys, keyStore, password);
      store(trust, trustStore, password);
      return new BrokerStores(keyStore, trustStore, password);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot write the broker's key store: " + e.getMessage(), e);
    }
  }

  /** The broker's key and certificate as PEM files (for an external broker such as Mosquitto). */
  public static void writeBrokerPem(FleetCa ca, List<String> names, Path folder)
      throws IOException {
    KeyPair pair = KeyPairs.generateP256();
    X509Certificate server = ca.issueServer(names, pair.getPublic());
    Files.createDirectories(folder);
    GatewayKeys.writePrivate(folder.resolve("broker-key.pem"), KeyPairs.toPem(pair.getPrivate()));
    Files.writeString(folder.resolve("broker.crt"), PemTls.toPem(server));
    Files.writeString(folder.resolve("ca.crt"), ca.certificatePem());
  }

  /**
   * A control-room desk's key, certificate and the CA as PEM files ({@code desk-key.pem}, mode
   * 0600, {@code desk.crt}, {@code ca.crt}): for {@code vigil-gateway watch --tls-dir} or any MQTT
   * client ({@code mosquitto_sub --key --cert --cafile}).
   */
  public static void writeControlPem(FleetCa ca, String name, Path folder) throws IOException {
    KeyPair pair = KeyPairs.generateP256();
    X509Certificate desk = ca.issueClient(name, Role.CONTROL, pair.getPublic());
    Files.createDirectories(folder);
    GatewayKeys.writePrivate(folder.resolve("desk-key.pem"), KeyPairs.toPem(pair.getPrivate()));
    Files.writeString(folder.resolve("desk.crt"), PemTls.toPem(desk));
    Files.writeString(folder.resolve("ca.crt"), ca.certificatePem());
  }

  /** A TLS context presenting a fresh gateway certificate ({@code CN = clientIdPrefix}). */
  public static SSLContext gatewayClient(FleetCa ca, String clientIdPrefix) {
    KeyPair pair = KeyPairs.generateP256();
    X509Certificate own = ca.issueClient(clientIdPrefix, Role.GATEWAY, pair.getPublic());
    return PemTls.context(
        KeyPairs.toPem(pair.getPrivate()),
        PemTls.toPem(own) + ca.certificatePem(),
        ca.certificatePem());
  }

  private static void store(KeyStore store, Path file, String password)
      throws IOException, GeneralSecurityException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    GatewayKeys.writePrivate(temp, "");
    try (OutputStream out = Files.newOutputStream(temp)) {
      store.store(out, password.toCharArray());
    }
    Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
