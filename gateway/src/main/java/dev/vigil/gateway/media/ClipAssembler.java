package dev.vigil.gateway.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Joins MPEG-TS segments into one clip with ffmpeg's concat demuxer and {@code -c copy}: no
 * re-encoding, so every frame is the device's own. The only class of the gateway that runs ffmpeg.
 */
public final class ClipAssembler {
  private static final long TIMEOUT_S = 120;

  /** Writes the clip of {@code segments} (in order) to {@code clip}. */
  public void concat(List<Path> segments, Path clip) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path segment : segments) {
      lines.add("file '" + segment.toAbsolutePath().toString().replace("'", "'\\''") + "'");
    }
    Path list = Files.write(clip.resolveSibling(clip.getFileName() + ".list"), lines);
    try {
      run(
          List.of(
              "ffmpeg",
              "-nostdin",
              "-v",
              "error",
              "-y",
              "-f",
              "concat",
              "-safe",
              "0",
              "-i",
              list.toString(),
              "-c",
              "copy",
              "-f",
              "mpegts",
              clip.toString()));
    } finally {
      Files.deleteIfExists(list);
    }
  }

  private static void run(List<String> argv) throws IOException {
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("ffmpeg concat did not finish in " + TIMEOUT_S + " s");
      }
      if (process.exitValue() != 0) {
        throw new IOException("ffmpeg concat failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while joining a clip", e);
    }
  }
}
