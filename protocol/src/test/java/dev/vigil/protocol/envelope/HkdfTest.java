package dev.vigil.protocol.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HMAC-SHA256 test vectors of RFC 5869, appendix A.1 to A.3. */
class HkdfTest {
  private static final HexFormat HEX = HexFormat.of();

  @ParameterizedTest(name = "RFC 5869 test case {0}")
  @CsvSource({
    "1, 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, 000102030405060708090a0b0c,"
        + " f0f1f2f3f4f5f6f7f8f9, 42,"
        + " 077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5,"
        + " 3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
    "2, RANGE00-4f, RANGE60-af, RANGEb0-ff, 82,"
        + " 06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244,"
        + " b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
        + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
        + "cc30c58179ec3e87c14c01d5c1f3434f1d87",
    "3, 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, '', '', 42,"
        + " 19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04,"
        + " 8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"
  })
  void matchesTheRfcVectors(
      int testCase, String ikm, String salt, String info, int length, String prk, String okm) {
    byte[] pseudoRandomKey = Hkdf.extract(bytes(salt), bytes(ikm));
    assertEquals(prk, HEX.formatHex(pseudoRandomKey), "PRK of case " + testCase);
    assertEquals(okm, HEX.formatHex(Hkdf.expand(pseudoRandomKey, bytes(info), length)));
    assertArrayEquals(
        Hkdf.expand(pseudoRandomKey, bytes(info), length),
        Hkdf.derive(bytes(salt), bytes(ikm), bytes(info), length));
  }

  @Test
  void outputLengthIsBoundedByTheRfc() {
    byte[] prk = new byte[32];
    assertEquals(255 * 32, Hkdf.expand(prk, null, 255 * 32).length);
    assertThrows(IllegalArgumentException.class, () -> Hkdf.expand(prk, null, 255 * 32 + 1));
    assertThrows(IllegalArgumentException.class, () -> Hkdf.expand(prk, null, -1));
  }

  @Test
  void aShorterOutputIsAPrefixOfALongerOne() {
    byte[] prk = Hkdf.extract(new byte[] {1}, new byte[] {2});
    byte[] longer = Hkdf.expand(prk, new byte[] {3}, 70);
    byte[] shorter = Hkdf.expand(prk, new byte[] {3}, 33);
    assertArrayEquals(java.util.Arrays.copyOf(longer, 33), shorter);
  }

  /** Hex, or "RANGEaa-bb" for the consecutive bytes aa..bb the RFC's second case uses. */
  private static byte[] bytes(String spec) {
    if (!spec.startsWith("RANGE")) {
      return HEX.parseHex(spec);
    }
    int from = Integer.parseInt(spec.substring(5, 7), 16);
    int to = Integer.parseInt(spec.substring(8, 10), 16);
    byte[] out = new byte[to - from + 1];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (from + i);
    }
    return out;
  }
}
