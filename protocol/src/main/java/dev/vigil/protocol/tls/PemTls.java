package dev.vigil.protocol.tls;

import dev.vigil.protocol.envelope.KeyPairs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Mutual-TLS contexts from PEM text: the client's (or server's) P-256 private key, its certificate
 * chain (own certificate first), and the CA certificates it trusts. The same code serves the
 * device, the gateway's own MQTT clients and the tests. No files: callers read them.
 */
public final class PemTls {
  private static final char[] IN_MEMORY = "vigil".toCharArray();

  private PemTls() {}

  /**
   * A TLS 1.2/1.3 context presenting {@code chainPem} with {@code keyPem}, trusting {@code caPem}.
   */
  public static SSLContext context(String keyPem, String chainPem, String caPem) {
    try {
      PrivateKey key = KeyPairs.privateFromPem(keyPem);
      List<X509Certificate> chain = certificates(chainPem);
      KeyStore own = KeyStore.getInstance("PKCS12");
      own.load(null, null);
      own.setKeyEntry("own", key, IN_MEMORY, chain.toArray(new Certificate[0]));
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(own, IN_MEMORY);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), trust(caPem).getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalArgumentException("cannot build a TLS context: " + e.getMessage(), e);
    }
  }

  /** The trust managers for exactly the CA certificates in {@code caPem}. */
  public static TrustManagerFactory trust(String caPem) throws GeneralSecurityException {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try {
      trusted.load(null, null);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    List<X509Certificate> cas = certificates(caPem);
    for (int i = 0; i < cas.size(); i++) {
      trusted.setCertificateEntry("ca-" + i, cas.get(i));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    return factory;
  }

  /** Every certificate in a PEM text, in order; refuses a text with none. */
  public static List<X509Certificate> certificates(String pem) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c :
          factory.generateCertificates(
              new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException("no certificate in PEM text");
      }
      return out;
    } catch (java.security.cert.CertificateException e) {
      throw new IllegalArgumentException("not a PEM certificate: " + e.getMessage(), e);
    }
  }

  /** The PEM form of a certificate. */
  public static String toPem(X509Certificate certificate) {
    try {
      String body =
          java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
              .encodeToString(certificate.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
