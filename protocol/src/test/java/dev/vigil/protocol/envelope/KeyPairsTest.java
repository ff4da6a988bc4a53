package dev.vigil.protocol.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

class KeyPairsTest {
  private static final KeyPair PAIR = KeyPairs.generateP256();

  @Test
  void pemRoundTripsBothKeys() {
    String publicPem = KeyPairs.toPem(PAIR.getPublic());
    String privatePem = KeyPairs.toPem(PAIR.getPrivate());
    assertTrue(publicPem.startsWith("-----BEGIN PUBLIC KEY-----\n"), publicPem);
    assertTrue(privatePem.startsWith("-----BEGIN PRIVATE KEY-----\n"), privatePem);
    assertEquals(PAIR.getPublic(), KeyPairs.publicFromPem(publicPem));
    assertArrayEquals(
        PAIR.getPrivate().getEncoded(), KeyPairs.privateFromPem(privatePem).getEncoded());
  }

  @Test
  void pemLinesAreAtMostSixtyFourCharacters() {
    for (String line : KeyPairs.toPem(PAIR.getPrivate()).split("\n")) {
      assertTrue(line.length() <= 64 || line.startsWith("-----"), line);
    }
  }

  @Test
  void derRoundTripsThePublicKey() {
    assertEquals(PAIR.getPublic(), KeyPairs.decodePublic(KeyPairs.encode(PAIR.getPublic())));
  }

  @Test
  void garbageIsRefusedWithAClearMessage() {
    IllegalArgumentException noBlock =
        assertThrows(IllegalArgumentException.class, () -> KeyPairs.publicFromPem("hello"));
    assertTrue(noBlock.getMessage().contains("BEGIN PUBLIC KEY"), noBlock.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> KeyPairs.publicFromPem("-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----"));
    assertThrows(
        IllegalArgumentException.class,
        () -> KeyPairs.privateFromPem(KeyPairs.toPem(PAIR.getPublic())));
    assertThrows(IllegalArgumentException.class, () -> KeyPairs.decodePublic(new byte[] {1, 2}));
  }

  @Test
  void keysOnOtherCurvesOrAlgorithmsAreRefused() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp384r1"));
    byte[] p384 = ec.generateKeyPair().getPublic().getEncoded();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KeyPairs.decodePublic(p384));
    assertTrue(e.getMessage().contains("P-256"), e.getMessage());
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    byte[] rsaKey = rsa.generateKeyPair().getPublic().getEncoded();
    assertThrows(IllegalArgumentException.class, () -> KeyPairs.decodePublic(rsaKey));
  }
}
