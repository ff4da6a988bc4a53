package dev.vigil.protocol.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.protocol.envelope.KeyPairs;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SealedMediaTest {
  private final KeyPair gateway = KeyPairs.generateP256();
  private final byte[] recording = randomBytes(10_000);
  private final MediaHeader header =
      MediaHeader.of(
          MediaHeader.Kind.VIDEO_SEGMENT, 1_700_000_000_000L, 2_000, recording, "cabin", "dev-1");

  @Test
  void theGatewayKeyOpensWhatWasSealedToIt() {
    byte[] sealed = SealedMedia.seal(gateway.getPublic(), header, recording);
    assertArrayEquals(recording, SealedMedia.open(gateway.getPrivate(), sealed));
  }

  @Test
  void theHeaderIsReadableWithoutAKeyButTheContentIsNot() {
    byte[] sealed = SealedMedia.seal(gateway.getPublic(), header, recording);
    MediaHeader read = SealedMedia.header(sealed);
    assertEquals("cabin", read.source());
    assertEquals(1_700_000_000_000L, read.startMs());
    assertArrayEquals(header.plaintextSha256(), read.plaintextSha256());
    assertFalse(contains(sealed, java.util.Arrays.copyOf(recording, 64)));
  }

  @Test
  void anotherKeyCannotOpenIt() {
    byte[] sealed = SealedMedia.seal(gateway.getPublic(), header, recording);
    KeyPair other = KeyPairs.generateP256();
    assertThrows(SealedMediaException.class, () -> SealedMedia.open(other.getPrivate(), sealed));
  }

  @Test
  void everyFlippedByteIsDetected() {
    byte[] sealed = SealedMedia.seal(gateway.getPublic(), header, recording);
    for (int i = 0; i < sealed.length; i += 97) {
      byte[] damaged = sealed.clone();
      damaged[i] ^= 0x01;
      assertThrows(
          RuntimeException.class,
          () -> SealedMedia.open(gateway.getPrivate(), damaged),
          "byte " + i);
    }
  }

  @Test
  void aTruncatedHeaderIsRejectedClearly() {
    byte[] sealed = SealedMedia.seal(gateway.getPublic(), header, recording);
    byte[] cut = java.util.Arrays.copyOf(sealed, 40);
    SealedMediaException e =
        assertThrows(SealedMediaException.class, () -> SealedMedia.header(cut));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void aHeaderThatDoesNotDescribeThePlaintextIsRefused() {
    byte[] other = "something else".getBytes(StandardCharsets.UTF_8);
    assertThrows(
        IllegalArgumentException.class, () -> SealedMedia.seal(gateway.getPublic(), header, other));
  }

  @Test
  void signaturesVerifyOnlyForTheSignedBytesAndKey() {
    KeyPair device = KeyPairs.generateP256();
    byte[] message = "manifest".getBytes(StandardCharsets.UTF_8);
    byte[] signature = ManifestSignature.sign(device.getPrivate(), message);
    assertTrue(ManifestSignature.verify(device.getPublic(), message, signature));
    assertFalse(ManifestSignature.verify(gateway.getPublic(), message, signature));
    message[0] ^= 1;
    assertFalse(ManifestSignature.verify(device.getPublic(), message, signature));
  }

  private static byte[] randomBytes(int n) {
    byte[] out = new byte[n];
    new Random(7).nextBytes(out);
    return out;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
