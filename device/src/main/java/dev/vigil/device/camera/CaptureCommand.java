package dev.vigil.device.camera;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of one capture process (pure). Every capture writes MPEG-TS segments of {@code
 * segmentS} seconds, cut on wall-clock boundaries and named by their UTC start second through
 * ffmpeg's {@code -strftime} (see {@link SegmentName}); the process must run with {@code TZ=UTC}.
 * Never a wrapping segment list: its names are reused while files are still being read. A video
 * capture also keeps {@code <name>-snapshot.jpg} current once a second (written atomically, so an
 * alarm can send a picture at once) and runs {@code freezedetect}, which logs {@code
 * lavfi.freezedetect.freeze_start} when the picture stops changing.
 */
public final class CaptureCommand {
  private CaptureCommand() {}

  /** The argv to launch; {@code freezeS} is how long a picture may stand still. */
  public static List<String> argv(CaptureSpec spec, Path folder, int segmentS, int freezeS) {
    return switch (spec.source()) {
      case V4L2, LAVFI -> ffmpegVideo(spec, folder, segmentS, freezeS);
      case RPICAM -> List.of("sh", "-c", rpicamPipeline(spec, folder, segmentS, freezeS));
      case ALSA, LAVFI_AUDIO -> ffmpegAudio(spec, folder, segmentS);
    };
  }

  private static List<String> ffmpegVideo(CaptureSpec s, Path folder, int segmentS, int freezeS) {
    List<String> argv = new ArrayList<>(head());
    if (s.source() == CaptureSpec.Source.LAVFI) {
      argv.addAll(
          List.of(
              "-re",
              "-f",
              "lavfi",
              "-i",
              lavfi(s.input(), "size=" + size(s) + ":rate=" + s.fps())));
    } else {
      argv.addAll(
          List.of(
              "-f", "v4l2", "-framerate", "" + s.fps(), "-video_size", size(s), "-i", s.input()));
    }
    argv.addAll(List.of("-map", "0:v", "-c:v", s.encoder()));
    if (s.encoder().equals("libx264")) {
      argv.addAll(List.of("-preset", "ultrafast", "-tune", "zerolatency"));
    }
    String rate = s.bitrateKbps() + "k";
    argv.addAll(List.of("-b:v", rate, "-maxrate", rate, "-bufsize", s.bitrateKbps() / 2 + "k"));
    argv.addAll(List.of("-force_key_frames", "expr:gte(t,n_forced*" + segmentS + ")"));
    argv.addAll(segments(folder, s.name(), segmentS));
    argv.addAll(snapshot(folder, s.name(), freezeS));
    return argv;
  }

  private static List<String> ffmpegAudio(CaptureSpec s, Path folder, int segmentS) {
    List<String> argv = new ArrayList<>(head());
    if (s.source() == CaptureSpec.Source.LAVFI_AUDIO) {
      argv.addAll(List.of("-re", "-f", "lavfi", "-i", lavfi(s.input(), "sample_rate=16000")));
    } else {
      argv.addAll(List.of("-f", "alsa", "-ac", "1", "-ar", "16000", "-i", s.input()));
    }
    argv.addAll(List.of("-map", "0:a", "-c:a", "aac", "-b:a", s.bitrateKbps() + "k"));
    argv.addAll(segments(folder, s.name(), segmentS));
    return argv;
  }

  /** rpicam-vid encodes H.264 on the Pi's hardware; ffmpeg cuts and names segments unchanged. */
  private static String rpicamPipeline(CaptureSpec s, Path folder, int segmentS, int freezeS) {
    String camera =
        String.format(
            "exec rpicam-vid --camera %s -t 0 -n --inline --codec h264 --width %d --height %d"
                + " --framerate %d --bitrate %d --intra %d -o - | exec ffmpeg",
            quote(s.input()),
            s.width(),
            s.height(),
            s.fps(),
            s.bitrateKbps() * 1000,
            s.fps() * segmentS);
    List<String> rest = new ArrayList<>(head().subList(1, head().size()));
    rest.addAll(List.of("-f", "h264", "-framerate", "" + s.fps(), "-i", "-", "-map", "0:v"));
    rest.addAll(List.of("-c:v", "copy"));
    rest.addAll(segments(folder, s.name(), segmentS));
    rest.addAll(snapshot(folder, s.name(), freezeS));
    StringBuilder line = new StringBuilder(camera);
    rest.forEach(arg -> line.append(' ').append(quote(arg)));
    return line.toString();
  }

  private static List<String> head() {
    return List.of("ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info", "-y");
  }

  private static List<String> segments(Path folder, String name, int segmentS) {
    return List.of(
        "-f",
        "segment",
        "-segment_time",
        "" + segmentS,
        "-segment_atclocktime",
        "1",
        "-strftime",
        "1",
        "-reset_timestamps",
        "1",
        folder.resolve(SegmentName.pattern(name)).toString());
  }

  private static List<String> snapshot(Path folder, String name, int freezeS) {
    return List.of(
        "-map",
        "0:v",
        "-vf",
        "freezedetect=n=-60dB:d=" + freezeS + ",fps=1",
        "-update",
        "1",
        "-atomic_writing",
        "1",
        "-q:v",
        "5",
        folder.resolve(SegmentName.snapshot(name)).toString());
  }

  /** Adds options to a lavfi source: {@code testsrc} + o is {@code testsrc=o}, else {@code :o}. */
  private static String lavfi(String source, String options) {
    return source + (source.contains("=") ? ":" : "=") + options;
  }

  private static String size(CaptureSpec s) {
    return s.width() + "x" + s.height();
  }

  private static String quote(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
