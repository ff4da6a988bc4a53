package dev.vigil.device.camera;

import java.util.Objects;

/**
 * One capture device as configured: a camera (cabin, road, cargo) or the trip microphone.
 *
 * @param name short id used in file names, events and manifests (letters, digits, '_')
 * @param input the device ({@code /dev/video0}, {@code hw:1,0}, a rpicam camera index) or, for the
 *     lavfi fake, the source graph ({@code testsrc}, {@code color=c=gray}, {@code sine})
 * @param encoder the ffmpeg video encoder ({@code libx264}; {@code h264_v4l2m2m} on a Pi 4)
 */
public record CaptureSpec(
    String name,
    Source source,
    String input,
    int width,
    int height,
    int fps,
    int bitrateKbps,
    String encoder) {

  /** Where frames or samples come from, and so which process captures them. */
  public enum Source {
    /** A USB/V4L2 camera through ffmpeg. */
    V4L2(false),
    /** A Raspberry Pi camera: {@code rpicam-vid} encodes, ffmpeg only cuts segments. */
    RPICAM(false),
    /** ffmpeg's lavfi test sources ({@code testsrc}, {@code color}): the fake camera. */
    LAVFI(false),
    /** An ALSA microphone through ffmpeg. */
    ALSA(true),
    /** ffmpeg's {@code sine} source: the fake microphone. */
    LAVFI_AUDIO(true);

    private final boolean audio;

    Source(boolean audio) {
      this.audio = audio;
    }

    public boolean audio() {
      return audio;
    }
  }

  public CaptureSpec {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(encoder, "encoder");
    if (name == null || !name.matches("[A-Za-z0-9_]{1,32}")) {
      throw new IllegalArgumentException("capture name must be 1..32 letters, digits or '_'");
    }
  }

  public boolean audio() {
    return source.audio();
  }
}
