package dev.vigil.protocol.envelope;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * P-256 key pairs and their PEM form: public keys as X.509 SubjectPublicKeyInfo ("PUBLIC KEY"),
 * private keys as PKCS#8 ("PRIVATE KEY"), the forms OpenSSL and every TLS stack read.
 */
public final class KeyPairs {
  private static final String CURVE = "secp256r1";

  private KeyPairs() {}

  public static KeyPair generateP256() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(CURVE));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate P-256 keys", e);
    }
  }

  public static byte[] encode(PublicKey key) {
    return key.getEncoded();
  }

  public static PublicKey decodePublic(byte[] der) {
    try {
      PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
      if (!(key instanceof ECPublicKey ec)
          || ec.getParams().getCurve().getField().getFieldSize() != 256) {
        throw new IllegalArgumentException("public key is not a P-256 key");
      }
      return key;
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("not a P-256 public key: " + e.getMessage());
    }
  }

  public static String toPem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  public static String toPem(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  public static PublicKey publicFromPem(String pem) {
    return decodePublic(unpem(pem, "PUBLIC KEY"));
  }

  public static PrivateKey privateFromPem(String pem) {
    try {
      return KeyFactory.getInstance("EC")
          .generatePrivate(new PKCS8EncodedKeySpec(unpem(pem, "PRIVATE KEY")));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an EC private key: " + e.getMessage());
    }
  }

  private static String pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static byte[] unpem(String pem, String label) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = pem == null ? -1 : pem.indexOf(begin);
    int to = from < 0 ? -1 : pem.indexOf(end, from);
    if (from < 0 || to < 0) {
      throw new IllegalArgumentException("not a PEM " + label);
    }
    try {
      return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to).strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("PEM " + label + " is not valid base64");
    }
  }
}
