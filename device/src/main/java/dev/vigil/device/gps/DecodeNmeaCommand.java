package dev.vigil.device.gps;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code vigil-device decode-nmea FILE}: one JSON line per fix on standard output, {@code
 * {"time":"…Z","lat":…,"lon":…,"speedMps":…,"courseDeg":…,"mode":2|3}}, then a summary of what was
 * rejected on standard error. {@code courseDeg} is omitted when the receiver gave no course, {@code
 * speedMps} when it gave no speed. Lines starting with '#' are comments.
 */
public final class DecodeNmeaCommand {
  private DecodeNmeaCommand() {}

  public static int run(Path file, PrintStream out, PrintStream err) {
    NmeaDecoder decoder = new NmeaDecoder();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] content = in.readAllBytes();
      int start = 0;
      for (int i = 0; i <= content.length; i++) {
        if (i == content.length || content[i] == '\n') {
          if (start < content.length && content[start] != '#') {
            int end = Math.min(i + 1, content.length);
            decoder.feed(content, start, end - start).forEach(fix -> out.println(json(fix)));
          }
          start = i + 1;
        }
      }
      if (content.length > 0 && content[content.length - 1] != '\n') {
        byte[] newline = {'\n'};
        decoder.feed(newline, 0, 1).forEach(fix -> out.println(json(fix)));
      }
      decoder.flush().ifPresent(fix -> out.println(json(fix)));
    } catch (IOException e) {
      err.println("decode-nmea: cannot read " + file + ": " + e.getMessage());
      return 2;
    }
    err.println(summary(decoder.counts()));
    return 0;
  }

  static String json(GnssFix fix) {
    StringBuilder json = new StringBuilder(128);
    json.append("{\"time\":\"").append(fix.fixTime()).append('"');
    json.append(",\"lat\":").append(number(fix.latDeg(), 9));
    json.append(",\"lon\":").append(number(fix.lonDeg(), 9));
    if (!Double.isNaN(fix.speedMps())) {
      json.append(",\"speedMps\":").append(number(fix.speedMps(), 3));
    }
    fix.courseDeg().ifPresent(c -> json.append(",\"courseDeg\":").append(number(c, 2)));
    json.append(",\"mode\":").append(fix.mode() == FixMode.THREE_D ? 3 : 2);
    return json.append('}').toString();
  }

  private static String number(double value, int decimals) {
    String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
    return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", ".0") : text;
  }

  static String summary(NmeaDecoder.Counts counts) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "decode-nmea: %d sentences, %d fixes, %d skipped, %d out_of_order",
            counts.sentences(),
            counts.fixes(),
            counts.skipped(),
            counts.outOfOrder()));
    append(text, counts.framing());
    append(text, counts.rejected());
    return text.toString();
  }

  private static <E extends Enum<E>> void append(StringBuilder text, Map<E, Long> counts) {
    counts.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                text.append(", ")
                    .append(e.getKey().name().toLowerCase(Locale.ROOT))
                    .append(' ')
                    .append(e.getValue()));
  }
}
