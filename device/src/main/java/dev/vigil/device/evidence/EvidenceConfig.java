package dev.vigil.device.evidence;

import dev.vigil.device.camera.CaptureSpec;
import dev.vigil.protocol.settings.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The camera, microphone and evidence settings of the device (keys {@code cameras}, {@code
 * camera.<name>.*}, {@code microphone.*}, {@code media.*}; documented in config/device.properties).
 * No cameras configured means no capture at all.
 */
public record EvidenceConfig(
    List<CaptureSpec> cameras,
    Optional<CaptureSpec> microphone,
    Path ramDir,
    Path vaultDir,
    int segmentS,
    int freezeS,
    Duration stall,
    Duration retention,
    long budgetBytes,
    Duration alarmBefore,
    Duration alarmAfter,
    int uploadKbps) {

  /** Microphone choice: none, an ALSA device, or the lavfi sine fake. */
  enum MicrophoneKind {
    NONE,
    ALSA,
    LAVFI
  }

  public static EvidenceConfig from(Settings s, Path cwd) {
    List<CaptureSpec> cameras = new ArrayList<>();
    for (String name : names(s)) {
      cameras.add(camera(s, name));
    }
    return new EvidenceConfig(
        List.copyOf(cameras),
        microphone(s),
        s.path("media.ram-dir", cwd, "/dev/shm/vigil-media"),
        s.path("media.vault-dir", cwd, "var/device/media"),
        s.integer("media.segment-s", 2, 1, 10),
        s.integer("media.freeze-s", 10, 2, 3_600),
        Duration.ofSeconds(s.integer("media.stall-s", 10, 3, 3_600)),
        Duration.ofHours(s.integer("media.retention-h", 72, 1, 24 * 365)),
        s.longValue("media.budget-mb", 8_192, 16, 1 << 24) << 20,
        Duration.ofSeconds(s.integer("media.alarm.before-s", 30, 0, 600)),
        Duration.ofSeconds(s.integer("media.alarm.after-s", 30, 0, 600)),
        s.integer("media.upload-kbps", 1_000, 8, 1_000_000));
  }

  private static List<String> names(Settings s) {
    List<String> names =
        Arrays.stream(s.string("cameras", "").split(","))
            .map(String::trim)
            .filter(n -> !n.isEmpty())
            .toList();
    for (String name : names) {
      if (!name.matches("[A-Za-z0-9_]{1,32}")) {
        throw s.bad("cameras", name, "camera names are 1..32 letters, digits or '_'");
      }
    }
    if (names.stream().distinct().count() != names.size()) {
      throw s.bad("cameras", String.join(",", names), "names a camera twice");
    }
    return names;
  }

  private static CaptureSpec camera(Settings s, String name) {
    String key = "camera." + name + ".";
    CaptureSpec.Source source =
        s.choice(key + "source", CaptureSpec.Source.class, CaptureSpec.Source.V4L2);
    if (source.audio()) {
      throw s.bad(key + "source", source.name(), "must be v4l2, rpicam or lavfi");
    }
    String fallbackInput =
        switch (source) {
          case RPICAM -> "0";
          case LAVFI -> "testsrc";
          default -> "/dev/video0";
        };
    return new CaptureSpec(
        name,
        source,
        s.string(key + "input", fallbackInput),
        s.integer(key + "width", 1280, 160, 3840),
        s.integer(key + "height", 720, 120, 2160),
        s.integer(key + "fps", 15, 1, 60),
        s.integer(key + "bitrate-kbps", 2_000, 100, 20_000),
        s.string(key + "encoder", source == CaptureSpec.Source.RPICAM ? "copy" : "libx264"));
  }

  private static Optional<CaptureSpec> microphone(Settings s) {
    MicrophoneKind kind = s.choice("microphone.source", MicrophoneKind.class, MicrophoneKind.NONE);
    Optional<String> input = s.optional("microphone.input");
    int kbps = s.integer("microphone.bitrate-kbps", 32, 8, 256);
    if (kind == MicrophoneKind.NONE) {
      return Optional.empty();
    }
    CaptureSpec.Source source =
        kind == MicrophoneKind.ALSA ? CaptureSpec.Source.ALSA : CaptureSpec.Source.LAVFI_AUDIO;
    String device = input.orElse(kind == MicrophoneKind.ALSA ? "default" : "sine");
    return Optional.of(new CaptureSpec("mic", source, device, 0, 0, 0, kbps, "aac"));
  }
}
