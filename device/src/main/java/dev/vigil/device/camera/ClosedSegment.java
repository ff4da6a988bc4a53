package dev.vigil.device.camera;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A finished segment in the RAM folder: ffmpeg has opened the next one, or the process ended.
 *
 * @param durationMs until the next segment started; the nominal segment length for the last one
 */
public record ClosedSegment(
    Path file, String capture, boolean audio, Instant start, int durationMs) {}
