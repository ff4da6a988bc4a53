package dev.vigil.device.imu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.gps.GnssListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ReplayImuSourceTest {

  @Test
  void replaysTheRecordedSamplesInOrderStampedWithTheClock() throws Exception {
    List<ImuSample> got = new CopyOnWriteArrayList<>();
    CountDownLatch ended = new CountDownLatch(1);
    Instant before = Instant.now();
    try (ReplayImuSource source =
        new ReplayImuSource(RegensburgDrive.FILE, 1_000, false, Clock.systemUTC())) {
      source.start(collect(got, ended));
      assertTrue(ended.await(20, TimeUnit.SECONDS), "the end of the recording is reported");
    }
    List<ImuSample> recorded = RegensburgDrive.recording().samples();
    assertEquals(recorded.size(), got.size());
    for (int i = 0; i < got.size(); i++) {
      assertEquals(recorded.get(i).accel(), got.get(i).accel(), "sample " + i);
      assertEquals(recorded.get(i).gyroZDegPerS(), got.get(i).gyroZDegPerS(), "sample " + i);
      assertTrue(!got.get(i).time().isBefore(before), "stamped now, not in 2016");
      assertTrue(i == 0 || !got.get(i).time().isBefore(got.get(i - 1).time()), "in order");
    }
    // 549 s of samples at 1,000x take about 0.55 s: pacing is applied, not skipped.
    long spanMs = got.get(got.size() - 1).time().toEpochMilli() - got.get(0).time().toEpochMilli();
    assertTrue(spanMs >= 400, "paced: " + spanMs + " ms");
  }

  @Test
  void theRecordingsGnssComesInStepWithItsSamples() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch ended = new CountDownLatch(2);
    try (ReplayImuSource source =
        new ReplayImuSource(RegensburgDrive.FILE, 1_000, false, Clock.systemUTC())) {
      source
          .gnss()
          .start(
              new GnssListener() {
                @Override
                public void onFix(GnssFix fix) {
                  events.add("gnss " + fix.speedMps());
                }

                @Override
                public void onLost(String reason) {
                  ended.countDown();
                }
              });
      source.start(
          new ImuListener() {
            @Override
            public void onSample(ImuSample sample) {
              events.add("imu");
            }

            @Override
            public void onLost(String reason) {
              ended.countDown();
            }
          });
      assertTrue(ended.await(20, TimeUnit.SECONDS), "both streams end");
    }
    GeniviLog.Recording recording = RegensburgDrive.recording();
    List<String> expected = new ArrayList<>();
    int next = 0;
    for (ImuSample sample : recording.samples()) {
      while (next < recording.fixes().size()
          && !recording.fixes().get(next).fixTime().isAfter(sample.time())) {
        expected.add("gnss " + recording.fixes().get(next++).speedMps());
      }
      expected.add("imu");
    }
    assertEquals(expected, events);
  }

  @Test
  void aMissingOrEmptyRecordingIsALoudError() {
    ReplayImuSource missing =
        new ReplayImuSource(Path.of("no-such.log"), 1, false, Clock.systemUTC());
    assertThrows(IllegalStateException.class, () -> missing.start(collect(List.of(), null)));
    Path nmea = RegensburgDrive.resource("gpsd/triton400.log");
    ReplayImuSource empty = new ReplayImuSource(nmea, 1, false, Clock.systemUTC());
    var error =
        assertThrows(IllegalStateException.class, () -> empty.start(collect(List.of(), null)));
    assertTrue(error.getMessage().contains("holds no sample"), error.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new ReplayImuSource(nmea, 0, false, Clock.systemUTC()));
  }

  private static ImuListener collect(List<ImuSample> into, CountDownLatch ended) {
    return new ImuListener() {
      @Override
      public void onSample(ImuSample sample) {
        into.add(sample);
      }

      @Override
      public void onLost(String reason) {
        ended.countDown();
      }
    };
  }
}
