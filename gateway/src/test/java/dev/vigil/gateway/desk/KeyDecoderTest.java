package dev.vigil.gateway.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class KeyDecoderTest {
  private static List<Key> decode(KeyDecoder decoder, int... bytes) {
    List<Key> keys = new ArrayList<>();
    for (int b : bytes) {
      decoder.feed(b).ifPresent(keys::add);
    }
    return keys;
  }

  @Test
  void arrowsInBothFormsAreUpAndDown() {
    KeyDecoder decoder = new KeyDecoder();
    assertEquals(
        List.of(Key.UP, Key.DOWN, Key.UP, Key.DOWN),
        decode(decoder, 0x1b, '[', 'A', 0x1b, '[', 'B', 0x1b, 'O', 'A', 0x1b, 'O', 'B'));
    assertFalse(decoder.pending());
  }

  @Test
  void otherSequencesAreIgnored() {
    assertEquals(
        List.of(Key.of('j')), decode(new KeyDecoder(), 0x1b, '[', 'C', 0x1b, '[', 'D', 'j'));
  }

  @Test
  void enterBackspaceAndPrintables() {
    assertEquals(
        List.of(Key.ENTER, Key.ENTER, Key.BACKSPACE, Key.BACKSPACE, Key.of('a'), Key.of(' ')),
        decode(new KeyDecoder(), '\r', '\n', 0x7f, 0x08, 'a', ' ', 0x01, 0xc3));
  }

  @Test
  void aLoneEscapeIsHeldUntilFlushed() {
    KeyDecoder decoder = new KeyDecoder();
    assertEquals(List.of(), decode(decoder, 0x1b));
    assertTrue(decoder.pending());
    assertEquals(Optional.of(Key.ESCAPE), decoder.flush());
    assertFalse(decoder.pending());
    assertEquals(Optional.empty(), decoder.flush());
  }

  @Test
  void twoEscapesAreAnEscapeAndAHeldOne() {
    KeyDecoder decoder = new KeyDecoder();
    assertEquals(List.of(Key.ESCAPE), decode(decoder, 0x1b, 0x1b));
    assertTrue(decoder.pending());
  }
}
