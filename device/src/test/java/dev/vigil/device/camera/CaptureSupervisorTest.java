package dev.vigil.device.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor on a stepped clock with a fake launcher whose process the test kills. */
@Timeout(10)
class CaptureSupervisorTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  @TempDir Path ram;
  private final RecordingListener listener = new RecordingListener();
  private final List<ClosedSegment> sealed = new ArrayList<>();
  private final FakeLauncher launcher = new FakeLauncher();
  private CaptureSupervisor supervisor;

  @Test
  void aSegmentIsHandedOnOnlyOnceTheNextOneAppears() throws Exception {
    start();
    write(T0);
    supervisor.tick(T0.plusSeconds(1));
    assertEquals(List.of(), sealed);
    write(T0.plusSeconds(2));
    supervisor.tick(T0.plusSeconds(2));
    assertEquals(1, sealed.size());
    assertEquals(T0, sealed.get(0).start());
    assertEquals(2_000, sealed.get(0).durationMs());
  }

  @Test
  void aDeadProcessIsRestartedAfterAGrowingBackoff() {
    start();
    launcher.kill();
    supervisor.tick(T0.plusMillis(100));
    supervisor.tick(T0.plusMillis(500));
    assertEquals(1, launcher.starts);
    supervisor.tick(T0.plusMillis(1_100));
    assertEquals(2, launcher.starts);
    launcher.kill();
    supervisor.tick(T0.plusMillis(1_200));
    supervisor.tick(T0.plusMillis(2_900));
    assertEquals(2, launcher.starts, "second failure waits 2 s");
    supervisor.tick(T0.plusMillis(3_300));
    assertEquals(3, launcher.starts);
  }

  @Test
  void noNewSegmentIsTamperOnceAndANewSegmentRecovers() throws Exception {
    start();
    supervisor.tick(T0.plusSeconds(4));
    supervisor.tick(T0.plusSeconds(6));
    supervisor.tick(T0.plusSeconds(7));
    assertEquals(List.of("tamper cam NO_SEGMENTS"), listener.reports);
    write(T0.plusSeconds(7));
    supervisor.tick(T0.plusSeconds(8));
    assertEquals(List.of("tamper cam NO_SEGMENTS", "recovered cam"), listener.reports);
  }

  @Test
  void freezedetectOutputIsAFrozenPictureTamper() {
    start();
    launcher.lines.accept("[freezedetect @ 0x5] lavfi.freezedetect.freeze_start: 12.5");
    supervisor.tick(T0.plusSeconds(1));
    supervisor.tick(T0.plusSeconds(2));
    launcher.lines.accept("[freezedetect @ 0x5] lavfi.freezedetect.freeze_end: 20");
    supervisor.tick(T0.plusSeconds(3));
    assertEquals(List.of("tamper cam FROZEN_PICTURE", "recovered cam"), listener.reports);
  }

  @Test
  void stoppingHandsOnTheLastSegmentToo() throws Exception {
    start();
    write(T0);
    supervisor.stop(T0.plusSeconds(1));
    assertEquals(1, sealed.size());
    assertTrue(launcher.stopped);
  }

  private void start() {
    CaptureSpec spec =
        new CaptureSpec("cam", CaptureSpec.Source.LAVFI, "testsrc", 320, 240, 15, 300, "libx264");
    supervisor =
        new CaptureSupervisor(
            spec,
            ram,
            new CaptureSupervisor.Timing(
                2,
                5,
                Duration.ofSeconds(5),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8))),
            launcher,
            segment -> {
              sealed.add(segment);
              Files.delete(segment.file());
            },
            listener);
    supervisor.tick(T0);
    assertEquals(1, launcher.starts);
  }

  private void write(Instant start) throws IOException {
    Files.writeString(ram.resolve(SegmentName.format("cam", start)), "ts");
  }

  private static final class FakeLauncher implements ProcessLauncher {
    int starts;
    boolean alive;
    boolean stopped;
    Consumer<String> lines;

    @Override
    public Running start(String name, List<String> argv, Consumer<String> stderrLines) {
      starts++;
      alive = true;
      lines = stderrLines;
      return new Running() {
        @Override
        public boolean alive() {
          return alive;
        }

        @Override
        public void stop() {
          stopped = true;
          alive = false;
        }
      };
    }

    void kill() {
      alive = false;
    }
  }
}
