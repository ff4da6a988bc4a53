package dev.vigil.device.gps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NmeaDecoderTest {
  @Test
  void firefliesTwentyThreeBadChecksumsAreRejectedAndCounted() throws Exception {
    byte[] stream = GpsdOracleTest.withoutComments(GpsdOracleTest.read("firefly-II.log"));
    NmeaDecoder decoder = new NmeaDecoder();
    decoder.feed(stream, 0, stream.length);
    assertEquals(23L, decoder.counts().rejected().get(NmeaParser.Reason.BAD_CHECKSUM));
  }

  @Test
  void uBloxBinaryFramesBeforeTheFirstSentenceAreCountedAsNoise() throws Exception {
    byte[] stream = GpsdOracleTest.withoutComments(GpsdOracleTest.read("ublox-8.log"));
    NmeaDecoder decoder = new NmeaDecoder();
    List<GnssFix> fixes = decoder.feed(stream, 0, stream.length);
    assertTrue(fixes.size() > 50);
    assertTrue(decoder.counts().framing().get(NmeaFramer.Reject.NOISE_BYTES) > 0);
  }

  @Test
  void aSentenceCutByTheNextIsCountedAndTheNextStillDecodes() throws Exception {
    byte[] stream = GpsdOracleTest.withoutComments(GpsdOracleTest.read("triton400.log"));
    NmeaDecoder decoder = new NmeaDecoder();
    decoder.feed(stream, 0, stream.length);
    assertTrue(decoder.counts().framing().get(NmeaFramer.Reject.CUT_BY_NEXT_SENTENCE) >= 1);
  }

  @Test
  void feedingOneByteAtATimeOrInRandomChunksDecodesTheSameAsAllAtOnce() throws Exception {
    byte[] stream = GpsdOracleTest.withoutComments(GpsdOracleTest.read("ublox-8.log"));
    NmeaDecoder whole = new NmeaDecoder();
    List<GnssFix> expected = whole.feed(stream, 0, stream.length);
    NmeaDecoder single = new NmeaDecoder();
    List<GnssFix> bytewise = new ArrayList<>();
    for (int i = 0; i < stream.length; i++) {
      bytewise.addAll(single.feed(stream, i, 1));
    }
    NmeaDecoder chunked = new NmeaDecoder();
    List<GnssFix> random = new ArrayList<>();
    Random sizes = new Random(7);
    for (int i = 0; i < stream.length; ) {
      int n = Math.min(1 + sizes.nextInt(200), stream.length - i);
      random.addAll(chunked.feed(stream, i, n));
      i += n;
    }
    assertEquals(expected, bytewise);
    assertEquals(expected, random);
  }

  @Test
  void tenThousandLinesOfGarbageAndMangledSentencesNeverThrowNorWedgeTheDecoder() throws Exception {
    String[] real =
        new String(
                GpsdOracleTest.withoutComments(GpsdOracleTest.read("sirfstarv-nmea.log")),
                StandardCharsets.ISO_8859_1)
            .split("\n");
    Random random = new Random(42);
    NmeaDecoder decoder = new NmeaDecoder();
    int fixes = 0;
    for (int i = 0; i < 10_000; i++) {
      byte[] line = mangle(real[random.nextInt(real.length)], random);
      for (GnssFix fix : decoder.feed(line, 0, line.length)) {
        GpsdOracleTest.assertPlausible(fix);
        fixes++;
      }
    }
    NmeaDecoder.Counts counts = decoder.counts();
    long abandoned =
        counts.framing().get(NmeaFramer.Reject.OVERLONG)
            + counts.framing().get(NmeaFramer.Reject.CUT_BY_NEXT_SENTENCE)
            + counts.framing().get(NmeaFramer.Reject.NON_PRINTABLE);
    long refused = counts.rejected().values().stream().mapToLong(Long::longValue).sum();
    assertTrue(abandoned + refused > 3_000, "mangled input was rejected: " + counts);
    assertTrue(counts.sentences() > 1_000, "intact sentences still decoded: " + counts);
    // Lines are picked in random order, so most assembled fixes run backwards in time and are
    // dropped as out of order; assembled they were.
    assertTrue(
        fixes + counts.outOfOrder() > 100,
        "fixes still assembled between the garbage: " + fixes + " + " + counts.outOfOrder());
    // After all that, a clean sentence decodes at once: the framer resynchronised.
    byte[] clean = GpsdOracleTest.withoutComments(GpsdOracleTest.read("ublox-8.log"));
    NmeaDecoder fresh = new NmeaDecoder();
    fresh.feed(clean, 0, clean.length);
    byte[] separator = "\r\n".getBytes(StandardCharsets.US_ASCII);
    decoder.feed(separator, 0, separator.length);
    long before = decoder.counts().sentences();
    decoder.feed(clean, 0, clean.length);
    assertEquals(fresh.counts().sentences(), decoder.counts().sentences() - before);
  }

  /** One of: random bytes, a truncation, flipped bytes, a doubled '$', a huge line, or intact. */
  private static byte[] mangle(String sentence, Random random) {
    byte[] bytes = (sentence + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    switch (random.nextInt(6)) {
      case 0 -> {
        byte[] noise = new byte[random.nextInt(300)];
        random.nextBytes(noise);
        return noise;
      }
      case 1 -> {
        byte[] cut = new byte[random.nextInt(bytes.length)];
        System.arraycopy(bytes, 0, cut, 0, cut.length);
        return cut;
      }
      case 2 -> {
        for (int k = 0; k < 3; k++) {
          bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return bytes;
      }
      case 3 -> {
        return ("$$" + sentence.substring(Math.min(3, sentence.length())) + "$\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
      }
      case 4 -> {
        return ("$GPGGA," + "9".repeat(5_000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
      }
      default -> {
        return bytes;
      }
    }
  }
}
