package dev.vigil.protocol.media;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * ECDSA P-256 over SHA-256, DER signatures, with Bouncy Castle (several times faster than the JDK
 * 17 provider, see ARCHITECTURE.md). The provider is used by instance, never registered globally.
 * The one class that imports Bouncy Castle in the protocol module.
 */
public final class ManifestSignature {
  public static final String ALGORITHM = "SHA256withECDSA";
  private static final Provider BC = new BouncyCastleProvider();

  private ManifestSignature() {}

  public static byte[] sign(PrivateKey deviceKey, byte[] message) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM, BC);
      signature.initSign(deviceKey);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the device key", e);
    }
  }

  /** True when {@code signature} is the device key's signature of {@code message}. */
  public static boolean verify(PublicKey deviceKey, byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(ALGORITHM, BC);
      verifier.initVerify(deviceKey);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
