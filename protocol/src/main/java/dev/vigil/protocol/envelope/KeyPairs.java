package dev.vigil.protocol.envelope;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * P-256 key pairs and their PEM and DER forms: public keys as X.509 SubjectPublicKeyInfo ({@code
 * PUBLIC KEY}), private keys as PKCS#8 ({@code PRIVATE KEY}), both unencrypted. Every decoded key
 * is checked to be an EC key on P-256.
 */
public final class KeyPairs {
  private static final String CURVE = "secp256r1";
  private static final String PUBLIC = "PUBLIC KEY";
  private static final String PRIVATE = "PRIVATE KEY";
  private static final ECParameterSpec P256 = p256();

  private KeyPairs() {}

  /** A fresh P-256 key pair from the JDK's default secure random source. */
  public static KeyPair generateP256() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(CURVE));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate P-256 keys", e);
    }
  }

  public static String toPem(PublicKey key) {
    return pem(PUBLIC, encode(key));
  }

  public static String toPem(PrivateKey key) {
    requireP256(Objects.requireNonNull(key, "key"));
    return pem(PRIVATE, key.getEncoded());
  }

  public static PublicKey publicFromPem(String pem) {
    return decodePublic(unpem(PUBLIC, pem));
  }

  public static PrivateKey privateFromPem(String pem) {
    byte[] der = unpem(PRIVATE, pem);
    try {
      return requireP256(
          KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a PKCS#8 EC private key: " + e.getMessage(), e);
    }
  }

  /** The X.509 SubjectPublicKeyInfo DER encoding. */
  public static byte[] encode(PublicKey key) {
    requireP256(Objects.requireNonNull(key, "key"));
    return key.getEncoded();
  }

  /** A P-256 public key from its X.509 SubjectPublicKeyInfo DER encoding. */
  public static PublicKey decodePublic(byte[] der) {
    Objects.requireNonNull(der, "der");
    try {
      return requireP256(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not an X.509 EC public key: " + e.getMessage(), e);
    }
  }

  private static <K extends java.security.Key> K requireP256(K key) {
    if (!(key instanceof ECKey ec)) {
      throw new IllegalArgumentException("not an EC key: " + key.getAlgorithm());
    }
    ECParameterSpec params = ec.getParams();
    if (!params.getCurve().equals(P256.getCurve())
        || !params.getGenerator().equals(P256.getGenerator())
        || !params.getOrder().equals(P256.getOrder())) {
      throw new IllegalArgumentException("EC key is not on P-256 (secp256r1)");
    }
    return key;
  }

  private static String pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static byte[] unpem(String label, String pem) {
    Objects.requireNonNull(pem, "pem");
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("PEM has no '" + begin + "' ... '" + end + "' block");
    }
    String body = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("PEM " + label + " body is not base64: " + e.getMessage());
    }
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec(CURVE));
      return params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK does not know P-256", e);
    }
  }
}
