package dev.vigil.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class SignatureTest {
  private static final byte[] SECRET =
      "vigil-test-secret-0123456789".getBytes(StandardCharsets.UTF_8);
  private static final byte[] BODY =
      "{\"alertId\":\"a-1\",\"state\":\"OPEN\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void thePrimitiveIsHmacSha256AsInRfc4231TestCase2() {
    byte[] mac =
        Signature.hmac(
            new SecretKeySpec("Jefe".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"),
            "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
    assertEquals(
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        HexFormat.of().formatHex(mac));
  }

  /**
   * The expected value was computed outside Java: {@code printf '%s'
   * '1700000000.{"alertId":"a-1","state":"OPEN"}' | openssl dgst -sha256 -hmac
   * 'vigil-test-secret-0123456789'}, the same command the README gives receivers.
   */
  @Test
  void theHeaderIsSha256EqualsTheHexHmacOfTimestampDotBody() {
    assertEquals(
        "sha256=ea8b6a274e9cb1bb73a49f1b512a79b0411c34a230bb0cb34205bd0ce8505440",
        new Signature(SECRET).header(1_700_000_000L, BODY));
  }

  @Test
  void aReceiverWithTheSecretVerifiesAndAnyChangeBreaksIt() {
    Signature signature = new Signature(SECRET);
    String header = signature.header(1_700_000_000L, BODY);
    assertTrue(signature.verifies(header, 1_700_000_000L, BODY));
    assertFalse(signature.verifies(header, 1_700_000_001L, BODY), "another timestamp");
    byte[] tampered = BODY.clone();
    tampered[tampered.length - 3] = 'X';
    assertFalse(signature.verifies(header, 1_700_000_000L, tampered), "another body");
    assertFalse(
        new Signature("another-secret-0123456789".getBytes(StandardCharsets.UTF_8))
            .verifies(header, 1_700_000_000L, BODY),
        "another secret");
    assertFalse(signature.verifies(null, 1_700_000_000L, BODY), "no header");
  }

  @Test
  void theDeliveryIdIs128BitsOfTheBodysSha256SoARepeatHasTheSameId() {
    String id = Signature.deliveryId(BODY);
    assertTrue(id.matches("[0-9a-f]{32}"), id);
    assertEquals(id, Signature.deliveryId(BODY.clone()));
    assertNotEquals(id, Signature.deliveryId("{}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anEmptySecretIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Signature(new byte[0]));
  }
}
