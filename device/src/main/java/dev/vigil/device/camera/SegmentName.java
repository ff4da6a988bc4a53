package dev.vigil.device.camera;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Segment file names: {@code <capture>-YYYYMMDD-HHMMSS.ts}, the UTC second the segment started
 * (ffmpeg {@code -strftime} with {@code TZ=UTC}). Names sort by time within one capture.
 */
public final class SegmentName {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final String SUFFIX = ".ts";

  private SegmentName() {}

  /** The ffmpeg strftime pattern for a capture. */
  public static String pattern(String capture) {
    return capture + "-%Y%m%d-%H%M%S" + SUFFIX;
  }

  public static String format(String capture, Instant start) {
    return capture + "-" + STAMP.format(LocalDateTime.ofInstant(start, ZoneOffset.UTC)) + SUFFIX;
  }

  public static String snapshot(String capture) {
    return capture + "-snapshot.jpg";
  }

  /** The start time of a segment file of {@code capture}, or empty for any other file. */
  public static Optional<Instant> start(String capture, String fileName) {
    String prefix = capture + "-";
    if (!fileName.startsWith(prefix) || !fileName.endsWith(SUFFIX)) {
      return Optional.empty();
    }
    String stamp = fileName.substring(prefix.length(), fileName.length() - SUFFIX.length());
    try {
      return Optional.of(LocalDateTime.parse(stamp, STAMP).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
