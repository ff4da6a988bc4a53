package dev.vigil.device.gps;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Raw receiver bytes in, fixes out: framer, parser and epoch assembler in that order (pure; one
 * instance per receiver). Everything that was not used is counted in {@link #counts()}.
 *
 * <p>A fix whose time is not after the previous fix's is dropped and counted ({@code outOfOrder}):
 * detectors derive rates from fix times and must never see time run backwards. The Munich drive in
 * {@code scripts/data} has such a glitch (12:43:41 and :42 sent twice, the second time with new
 * positions).
 */
public final class NmeaDecoder {
  private final NmeaFramer framer = new NmeaFramer();
  private final EpochAssembler assembler = new EpochAssembler();
  private final Map<NmeaParser.Reason, Long> rejected = new EnumMap<>(NmeaParser.Reason.class);
  private long sentences;
  private long skipped;
  private long fixes;
  private long outOfOrder;
  private java.time.Instant lastFixTime = java.time.Instant.MIN;

  /** What the decoder has seen; rejections by reason from both the framer and the parser. */
  public record Counts(
      long sentences,
      long skipped,
      long fixes,
      long outOfOrder,
      Map<NmeaFramer.Reject, Long> framing,
      Map<NmeaParser.Reason, Long> rejected) {}

  public List<GnssFix> feed(byte[] bytes, int offset, int count) {
    List<GnssFix> out = new ArrayList<>(1);
    for (String line : framer.feed(bytes, offset, count)) {
      NmeaParser.Result result = NmeaParser.parse(line);
      if (result instanceof NmeaParser.Parsed parsed) {
        sentences++;
        assembler.accept(parsed.sentence()).ifPresent(fix -> keepInOrder(fix, out));
      } else if (result instanceof NmeaParser.Rejected bad) {
        rejected.merge(bad.reason(), 1L, Long::sum);
      } else {
        skipped++;
      }
    }
    fixes += out.size();
    return out;
  }

  /** Completes the epoch in progress: call at the end of a recording or when a receiver is lost. */
  public Optional<GnssFix> flush() {
    List<GnssFix> out = new ArrayList<>(1);
    assembler.flush().ifPresent(fix -> keepInOrder(fix, out));
    fixes += out.size();
    return out.stream().findFirst();
  }

  private void keepInOrder(GnssFix fix, List<GnssFix> out) {
    if (!fix.fixTime().isAfter(lastFixTime)) {
      outOfOrder++;
      return;
    }
    lastFixTime = fix.fixTime();
    out.add(fix);
  }

  public Counts counts() {
    return new Counts(
        sentences, skipped, fixes, outOfOrder, framer.rejects(), Map.copyOf(rejected));
  }
}
