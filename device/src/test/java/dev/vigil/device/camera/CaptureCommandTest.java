package dev.vigil.device.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class CaptureCommandTest {
  private final Path ram = Path.of("/dev/shm/vigil");

  @Test
  void aUsbCameraUsesItsConfiguredSizeRateAndBitrateAndTimestampedSegments() {
    CaptureSpec spec =
        new CaptureSpec(
            "cabin", CaptureSpec.Source.V4L2, "/dev/video0", 1280, 720, 25, 2000, "libx264");
    String line = String.join(" ", CaptureCommand.argv(spec, ram, 2, 10));
    assertTrue(line.contains("-f v4l2 -framerate 25 -video_size 1280x720 -i /dev/video0"), line);
    assertTrue(line.contains("-b:v 2000k -maxrate 2000k"), line);
    assertTrue(line.contains("-segment_time 2 -segment_atclocktime 1 -strftime 1"), line);
    assertTrue(line.contains("/dev/shm/vigil/cabin-%Y%m%d-%H%M%S.ts"), line);
    assertTrue(line.contains("freezedetect=n=-60dB:d=10"), line);
    assertTrue(!line.contains("segment_wrap") && !line.contains("segment_list"), line);
  }

  @Test
  void aPiCameraIsEncodedByRpicamVidAndOnlyCutByFfmpeg() {
    CaptureSpec spec =
        new CaptureSpec("road", CaptureSpec.Source.RPICAM, "0", 1280, 720, 30, 2000, "copy");
    List<String> argv = CaptureCommand.argv(spec, ram, 2, 10);
    assertEquals(List.of("sh", "-c"), argv.subList(0, 2));
    assertTrue(argv.get(2).startsWith("exec rpicam-vid --camera '0' -t 0"), argv.get(2));
    assertTrue(
        argv.get(2).contains("--bitrate 2000000 --intra 60 -o - | exec ffmpeg"), argv.get(2));
    assertTrue(argv.get(2).contains("'-c:v' 'copy'"), argv.get(2));
  }

  @Test
  void fakeSourcesTakeTheirOptionsInLavfiSyntax() {
    CaptureSpec cam =
        new CaptureSpec("c", CaptureSpec.Source.LAVFI, "testsrc", 320, 240, 15, 300, "libx264");
    CaptureSpec gray =
        new CaptureSpec(
            "g", CaptureSpec.Source.LAVFI, "color=c=gray", 320, 240, 15, 300, "libx264");
    assertTrue(CaptureCommand.argv(cam, ram, 2, 5).contains("testsrc=size=320x240:rate=15"));
    assertTrue(CaptureCommand.argv(gray, ram, 2, 5).contains("color=c=gray:size=320x240:rate=15"));
  }

  @Test
  void segmentNamesRoundTripAndOtherFilesAreIgnored() {
    Instant start = Instant.parse("2026-11-23T08:00:02Z");
    String name = SegmentName.format("cabin", start);
    assertEquals("cabin-20261123-080002.ts", name);
    assertEquals(Optional.of(start), SegmentName.start("cabin", name));
    assertEquals(Optional.empty(), SegmentName.start("cab", name));
    assertEquals(Optional.empty(), SegmentName.start("cabin", "cabin-snapshot.jpg"));
    assertEquals(Optional.empty(), SegmentName.start("cabin", "cabin-2026xx23-080002.ts"));
  }
}
