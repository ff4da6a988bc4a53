package dev.vigil.protocol.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.protocol.Topics;
import dev.vigil.protocol.UpKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EnvelopeTest {
  private static final String DEVICE = "vg-test-01";
  private static final int EPOCH = 7;
  private static final String TOPIC = Topics.up(DEVICE, UpKind.ALARM);
  private static final KeyPair DEVICE_KEYS = KeyPairs.generateP256();
  private static final KeyPair GATEWAY_KEYS = KeyPairs.generateP256();
  private static final EnvelopeKey DEVICE_UP =
      EnvelopeKey.derive(
          DEVICE_KEYS.getPrivate(), GATEWAY_KEYS.getPublic(), DEVICE, EPOCH, Direction.UPLINK);
  private static final EnvelopeKey GATEWAY_UP =
      EnvelopeKey.derive(
          GATEWAY_KEYS.getPrivate(), DEVICE_KEYS.getPublic(), DEVICE, EPOCH, Direction.UPLINK);
  private static final byte[] PLAINTEXT =
      "panic at the corner of Long Street".getBytes(StandardCharsets.UTF_8);

  @Test
  void bothSidesDeriveTheSameKeyForEachDirection() {
    assertEquals(DEVICE_UP, GATEWAY_UP);
    EnvelopeKey deviceDown =
        EnvelopeKey.derive(
            DEVICE_KEYS.getPrivate(), GATEWAY_KEYS.getPublic(), DEVICE, EPOCH, Direction.DOWNLINK);
    EnvelopeKey gatewayDown =
        EnvelopeKey.derive(
            GATEWAY_KEYS.getPrivate(), DEVICE_KEYS.getPublic(), DEVICE, EPOCH, Direction.DOWNLINK);
    assertEquals(deviceDown, gatewayDown);
    assertNotEquals(DEVICE_UP.keyId(), deviceDown.keyId());
    assertFalse(Arrays.equals(DEVICE_UP.key().getEncoded(), deviceDown.key().getEncoded()));
  }

  @Test
  void epochAndDeviceIdEachChangeTheKey() {
    EnvelopeKey nextEpoch =
        EnvelopeKey.derive(
            DEVICE_KEYS.getPrivate(),
            GATEWAY_KEYS.getPublic(),
            DEVICE,
            EPOCH + 1,
            Direction.UPLINK);
    EnvelopeKey otherId =
        EnvelopeKey.derive(
            DEVICE_KEYS.getPrivate(), GATEWAY_KEYS.getPublic(), "vg-x", EPOCH, Direction.UPLINK);
    assertNotEquals(DEVICE_UP.keyId(), nextEpoch.keyId());
    assertNotEquals(DEVICE_UP.keyId(), otherId.keyId());
  }

  @Test
  void aKeyIdThatDoesNotBelongToTheKeyIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new EnvelopeKey(
                DEVICE, EPOCH, Direction.UPLINK, DEVICE_UP.key(), DEVICE_UP.keyId() + 1));
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void aSealedMessageOpensToItsPlaintextAndHeader(Suite suite) {
    byte[] sealed = Envelope.seal(DEVICE_UP, suite, TOPIC, 42, PLAINTEXT);
    assertEquals(Envelope.HEADER_BYTES + PLAINTEXT.length + Envelope.TAG_BYTES, sealed.length);
    OpenResult r = open(TOPIC, sealed);
    Opened opened = assertInstanceOf(Opened.class, r, r.toString());
    assertArrayEquals(PLAINTEXT, opened.plaintext());
    assertEquals(
        new EnvelopeHeader(
            1,
            suite,
            DEVICE_UP.keyId(),
            EPOCH,
            42,
            Envelope.topicTag(TOPIC),
            PLAINTEXT.length + 16),
        opened.header());
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void emptyAndLargestPlaintextsRoundTrip(Suite suite) {
    for (byte[] plaintext : new byte[][] {new byte[0], new byte[Envelope.MAX_PLAINTEXT_BYTES]}) {
      byte[] sealed = Envelope.seal(DEVICE_UP, suite, TOPIC, Long.MAX_VALUE, plaintext);
      assertArrayEquals(plaintext, assertInstanceOf(Opened.class, open(TOPIC, sealed)).plaintext());
    }
  }

  @Test
  void sealingRefusesWhatTheHeaderCannotCarry() {
    byte[] tooLong = new byte[Envelope.MAX_PLAINTEXT_BYTES + 1];
    assertThrows(
        IllegalArgumentException.class,
        () -> Envelope.seal(DEVICE_UP, Suite.AES_256_GCM, TOPIC, 1, tooLong));
    assertThrows(
        IllegalArgumentException.class,
        () -> Envelope.seal(DEVICE_UP, Suite.AES_256_GCM, TOPIC, -1, PLAINTEXT));
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void sealingIsDeterministicAndEachSeqGivesOtherCiphertext(Suite suite) {
    byte[] first = Envelope.seal(DEVICE_UP, suite, TOPIC, 9, PLAINTEXT);
    byte[] again = Envelope.seal(DEVICE_UP, suite, TOPIC, 9, PLAINTEXT);
    byte[] next = Envelope.seal(DEVICE_UP, suite, TOPIC, 10, PLAINTEXT);
    assertArrayEquals(first, again);
    assertFalse(Arrays.equals(body(first), body(next)));
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void everySingleBitFlipIsRejectedWithTheReasonOfItsRegion(Suite suite) {
    byte[] sealed = Envelope.seal(DEVICE_UP, suite, TOPIC, 1234, PLAINTEXT);
    for (int i = 0; i < sealed.length; i++) {
      // The version byte is checked before the CRC, so a flip there reads as another version.
      Rejection expected =
          i == 0
              ? Rejection.UNSUPPORTED_VERSION
              : i < Envelope.HEADER_BYTES
                  ? Rejection.CORRUPT_HEADER
                  : Rejection.AUTHENTICATION_FAILED;
      for (int bit = 0; bit < 8; bit++) {
        byte[] flipped = sealed.clone();
        flipped[i] ^= (byte) (1 << bit);
        assertRejected(expected, open(TOPIC, flipped), "byte " + i + " bit " + bit);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void aRedeliveredMessageOpensAgainOnTheSameThread(Suite suite) {
    byte[] sealed = Envelope.seal(DEVICE_UP, suite, TOPIC, 77, PLAINTEXT);
    for (int delivery = 0; delivery < 3; delivery++) {
      OpenResult result = open(TOPIC, sealed);
      assertArrayEquals(
          PLAINTEXT, assertInstanceOf(Opened.class, result, result.toString()).plaintext());
    }
  }

  @Test
  void everyTruncationIsRejectedAsTruncated() {
    byte[] sealed = Envelope.seal(DEVICE_UP, Suite.AES_256_GCM, TOPIC, 5, PLAINTEXT);
    for (int length = 0; length < sealed.length; length++) {
      assertRejected(
          Rejection.TRUNCATED, open(TOPIC, Arrays.copyOf(sealed, length)), "length " + length);
    }
  }

  @Test
  void trailingBytesAreRejectedAsACorruptHeader() {
    byte[] sealed = Envelope.seal(DEVICE_UP, Suite.AES_256_GCM, TOPIC, 5, PLAINTEXT);
    assertRejected(
        Rejection.CORRUPT_HEADER, open(TOPIC, Arrays.copyOf(sealed, sealed.length + 1)), "");
  }

  @Test
  void theSameBytesUnderAnotherTopicAreRejected() {
    byte[] sealed = Envelope.seal(DEVICE_UP, Suite.AES_256_GCM, TOPIC, 5, PLAINTEXT);
    assertRejected(Rejection.WRONG_TOPIC, open(Topics.up(DEVICE, UpKind.POS), sealed), "");
    assertRejected(Rejection.WRONG_TOPIC, open(Topics.up("vg-other", UpKind.ALARM), sealed), "");
  }

  @Test
  void aHeaderRewrittenForAnotherTopicFailsAuthentication() {
    String other = Topics.up(DEVICE, UpKind.POS);
    byte[] moved = Envelope.seal(DEVICE_UP, Suite.AES_256_GCM, TOPIC, 5, PLAINTEXT);
    ByteBuffer.wrap(moved).putInt(18, Envelope.topicTag(other));
    repairCrc(moved);
    assertRejected(Rejection.AUTHENTICATION_FAILED, open(other, moved), "");
  }

  @Test
  void aKeyFromAnotherDeviceIsTheWrongKey() {
    KeyPair stranger = KeyPairs.generateP256();
    EnvelopeKey strangerKey =
        EnvelopeKey.derive(
            GATEWAY_KEYS.getPrivate(), stranger.getPublic(), DEVICE, EPOCH, Direction.UPLINK);
    byte[] sealed = Envelope.seal(DEVICE_UP, Suite.CHACHA20_POLY1305, TOPIC, 5, PLAINTEXT);
    assertRejected(Rejection.WRONG_KEY, Envelope.open(TOPIC, sealed, only(strangerKey)), "");
  }

  @Test
  void aHeaderForgedToNameTheOpenersKeyFailsAuthentication() {
    KeyPair stranger = KeyPairs.generateP256();
    EnvelopeKey strangerKey =
        EnvelopeKey.derive(
            stranger.getPrivate(), GATEWAY_KEYS.getPublic(), DEVICE, EPOCH, Direction.UPLINK);
    byte[] forged = Envelope.seal(strangerKey, Suite.AES_256_GCM, TOPIC, 5, PLAINTEXT);
    ByteBuffer.wrap(forged).putInt(2, DEVICE_UP.keyId());
    repairCrc(forged);
    assertRejected(Rejection.AUTHENTICATION_FAILED, open(TOPIC, forged), "");
  }

  @Test
  void aMessageSealedUnderAnotherDirectionDoesNotOpen() {
    EnvelopeKey down =
        EnvelopeKey.derive(
            GATEWAY_KEYS.getPrivate(), DEVICE_KEYS.getPublic(), DEVICE, EPOCH, Direction.DOWNLINK);
    byte[] sealed = Envelope.seal(down, Suite.AES_256_GCM, TOPIC, 5, PLAINTEXT);
    assertRejected(Rejection.WRONG_KEY, open(TOPIC, sealed), "");
  }

  @Test
  void anEpochWithoutAKeyIsReported() {
    byte[] sealed = Envelope.seal(DEVICE_UP, Suite.AES_256_GCM, TOPIC, 5, PLAINTEXT);
    assertRejected(
        Rejection.UNKNOWN_KEY_EPOCH, Envelope.open(TOPIC, sealed, epoch -> Optional.empty()), "");
    assertRejected(Rejection.UNKNOWN_KEY_EPOCH, Envelope.open(TOPIC, sealed, epoch -> null), "");
    int[] asked = new int[1];
    Envelope.open(
        TOPIC,
        sealed,
        epoch -> {
          asked[0] = epoch;
          return Optional.empty();
        });
    assertEquals(EPOCH, asked[0]);
  }

  @Test
  void otherVersionsAndSuitesAreRejected() {
    byte[] sealed = Envelope.seal(DEVICE_UP, Suite.AES_256_GCM, TOPIC, 5, PLAINTEXT);
    byte[] version2 = sealed.clone();
    version2[0] = 2;
    repairCrc(version2);
    assertRejected(Rejection.UNSUPPORTED_VERSION, open(TOPIC, version2), "");
    byte[] suite9 = sealed.clone();
    suite9[1] = 9;
    repairCrc(suite9);
    assertRejected(Rejection.UNSUPPORTED_SUITE, open(TOPIC, suite9), "");
  }

  @Test
  void randomBytesNeverOpenAndNeverThrow() {
    Random random = new Random(20261122L);
    for (int i = 0; i < 10_000; i++) {
      byte[] junk = new byte[random.nextInt(200)];
      random.nextBytes(junk);
      if (random.nextBoolean() && junk.length > 0) {
        junk[0] = 1;
      }
      assertInstanceOf(Rejected.class, open(TOPIC, junk), "sample " + i);
    }
  }

  @Test
  void randomDamageBehindAValidChecksumNeverOpensAndNeverThrows() {
    Random random = new Random(7L);
    byte[] sealed = Envelope.seal(DEVICE_UP, Suite.AES_256_GCM, TOPIC, 5, PLAINTEXT);
    for (int i = 0; i < 10_000; i++) {
      byte[] damaged = sealed.clone();
      int changes = 1 + random.nextInt(4);
      for (int c = 0; c < changes; c++) {
        damaged[1 + random.nextInt(damaged.length - 1)] = (byte) random.nextInt(256);
      }
      repairCrc(damaged);
      OpenResult result = open(TOPIC, damaged);
      if (result instanceof Opened) {
        assertArrayEquals(sealed, damaged, "only the untouched message may open, sample " + i);
      }
    }
  }

  private static OpenResult open(String topic, byte[] message) {
    return Envelope.open(topic, message, only(GATEWAY_UP));
  }

  private static IntFunction<Optional<EnvelopeKey>> only(EnvelopeKey key) {
    return epoch -> epoch == key.epoch() ? Optional.of(key) : Optional.empty();
  }

  private static void assertRejected(Rejection expected, OpenResult result, String where) {
    Rejected rejected = assertInstanceOf(Rejected.class, result, where);
    assertEquals(expected, rejected.reason(), where + ": " + rejected.detail());
  }

  private static byte[] body(byte[] sealed) {
    return Arrays.copyOfRange(sealed, Envelope.HEADER_BYTES, sealed.length);
  }

  static void repairCrc(byte[] message) {
    CRC32C crc = new CRC32C();
    crc.update(message, 0, 24);
    ByteBuffer.wrap(message).putInt(24, (int) crc.getValue());
  }
}
