package dev.vigil.gateway.enrol;

import dev.vigil.protocol.envelope.KeyPairs;
import java.io.IOException;
import java.io.StringReader;
import java.security.PublicKey;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * A device's PKCS#10 certificate signing request, checked: PEM-decodable, signed by the key it
 * carries (so the sender holds the private key), a P-256 key, and exactly one common name.
 *
 * @param commonName the subject's CN, which must be the device id
 */
public record SigningRequest(String commonName, PublicKey publicKey) {
  /** A request that cannot be used; the message says why. */
  public static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  public static SigningRequest parse(String pem) throws Invalid {
    PKCS10CertificationRequest request = decode(pem);
    PublicKey key;
    try {
      key = KeyPairs.decodePublic(request.getSubjectPublicKeyInfo().getEncoded());
    } catch (IOException | IllegalArgumentException e) {
      throw new Invalid("the request's key is not a P-256 key: " + e.getMessage());
    }
    try {
      if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
        throw new Invalid("the request's signature does not verify");
      }
    } catch (OperatorCreationException | PKCSException e) {
      throw new Invalid("the request's signature cannot be checked: " + e.getMessage());
    }
    RDN[] names = request.getSubject().getRDNs(BCStyle.CN);
    if (names.length != 1 || names[0].isMultiValued()) {
      throw new Invalid("the request's subject must hold exactly one CN");
    }
    if (!(names[0].getFirst().getValue() instanceof ASN1String cn)) {
      throw new Invalid("the request's CN is not a string");
    }
    return new SigningRequest(cn.getString(), key);
  }

  private static PKCS10CertificationRequest decode(String pem) throws Invalid {
    if (pem == null || pem.length() > 16_384) {
      throw new Invalid("the request must be a PEM CERTIFICATE REQUEST under 16 KiB");
    }
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      if (object instanceof PKCS10CertificationRequest request) {
        return request;
      }
      throw new Invalid("no PEM CERTIFICATE REQUEST block found");
    } catch (IOException | RuntimeException e) {
      throw new Invalid("the request is not valid PEM/DER: " + e.getMessage());
    }
  }
}
