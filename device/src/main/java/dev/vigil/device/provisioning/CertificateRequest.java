package dev.vigil.device.provisioning;

import java.io.IOException;
import java.io.StringWriter;
import java.security.KeyPair;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The PKCS#10 request a box sends to enrol: subject {@code CN=<device id>}, its P-256 public key,
 * signed with its private key (which proves it holds the key and never leaves the box). The only
 * device class that imports Bouncy Castle.
 */
public final class CertificateRequest {
  private CertificateRequest() {}

  /** The request as PEM ({@code -----BEGIN CERTIFICATE REQUEST-----}). */
  public static String pem(KeyPair key, String deviceId) {
    try {
      PKCS10CertificationRequest request =
          new JcaPKCS10CertificationRequestBuilder(
                  new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, deviceId).build(),
                  key.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
      StringWriter text = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
        writer.writeObject(request);
      }
      return text.toString();
    } catch (OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot build the certificate request: " + e.getMessage(), e);
    }
  }
}
