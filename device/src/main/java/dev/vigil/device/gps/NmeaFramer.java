package dev.vigil.device.gps;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a receiver's raw byte stream into candidate NMEA sentences (pure: bytes in, lines out).
 *
 * <p>A sentence starts at '$' or '!' and ends at CR or LF. Everything else is accounted for and
 * never stops the stream: bytes outside a sentence (u-blox UBX frames, line noise) are counted as
 * noise; a sentence interrupted by the next '$' (a receiver that dropped bytes) is abandoned; a
 * sentence with a control or non-ASCII byte is abandoned; a sentence longer than {@link
 * #MAX_SENTENCE_BYTES} is abandoned and the framer waits for the next '$'. Memory is bounded by
 * that limit whatever arrives.
 */
public final class NmeaFramer {
  /**
   * NMEA 0183 caps a sentence at 82 characters; real receivers exceed it (u-blox high-precision GGA
   * is ~100 bytes, gpsd's own limit is 96 payload characters), so the cap is set above them.
   */
  public static final int MAX_SENTENCE_BYTES = 120;

  /** Why input was not passed on as a sentence. */
  public enum Reject {
    /** Bytes outside any sentence (counted per byte). */
    NOISE_BYTES,
    CUT_BY_NEXT_SENTENCE,
    NON_PRINTABLE,
    OVERLONG
  }

  private final byte[] buffer = new byte[MAX_SENTENCE_BYTES];
  private final Map<Reject, Long> rejects = new EnumMap<>(Reject.class);
  private int length;
  private boolean inSentence;

  public List<String> feed(byte[] bytes, int offset, int count) {
    List<String> sentences = new ArrayList<>(2);
    for (int i = offset; i < offset + count; i++) {
      accept(bytes[i], sentences);
    }
    return sentences;
  }

  private void accept(byte b, List<String> sentences) {
    if (b == '$' || b == '!') {
      if (inSentence && length > 1) {
        count(Reject.CUT_BY_NEXT_SENTENCE, 1);
      }
      inSentence = true;
      length = 0;
      buffer[length++] = b;
    } else if (b == '\r' || b == '\n') {
      if (inSentence && length > 1) {
        sentences.add(new String(buffer, 0, length, StandardCharsets.US_ASCII));
      }
      inSentence = false;
    } else if (!inSentence) {
      count(Reject.NOISE_BYTES, 1);
    } else if (b < 0x20 || b > 0x7E) {
      count(Reject.NON_PRINTABLE, 1);
      inSentence = false;
    } else if (length == MAX_SENTENCE_BYTES) {
      count(Reject.OVERLONG, 1);
      inSentence = false;
    } else {
      buffer[length++] = b;
    }
  }

  private void count(Reject reason, long n) {
    rejects.merge(reason, n, Long::sum);
  }

  /** Rejections so far, by reason (absent reasons are zero). */
  public Map<Reject, Long> rejects() {
    return Map.copyOf(rejects);
  }
}
