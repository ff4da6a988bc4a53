package dev.vigil.device.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.imu.GeniviLog;
import dev.vigil.device.imu.ImuSample;
import dev.vigil.device.selftest.SelfTestReport.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The self-test's IMU verdict on the first seconds of the real Regensburg recording, taken while
 * the car stood still before it drove off (GNSS speed 0), and on copies changed in known ways.
 */
class ImuCheckTest {
  private static final Duration WINDOW = Duration.ofSeconds(3);
  private static List<ImuSample> atRest;

  @BeforeAll
  static void readRecording() throws Exception {
    Path file =
        Path.of(
            ImuCheckTest.class
                .getClassLoader()
                .getResource("genivi/20160209_RPi_GENIVI_Regensburg.log")
                .toURI());
    GeniviLog.Recording recording = GeniviLog.read(file);
    Instant start = recording.samples().get(0).time();
    atRest = window(recording.samples(), start);
    double firstSpeed = recording.speeds().get(0).speedMps();
    assertTrue(firstSpeed < 0.5, "the recording starts standing still, at " + firstSpeed + " m/s");
  }

  private static List<ImuSample> window(List<ImuSample> samples, Instant from) {
    Instant to = from.plus(WINDOW);
    return samples.stream().filter(s -> !s.time().isBefore(from) && s.time().isBefore(to)).toList();
  }

  @Test
  void aRealSensorStandingStillReadsOneG() {
    ImuCheck.Verdict verdict = ImuCheck.assess(atRest, WINDOW, 10);
    assertEquals(Outcome.PASS, verdict.outcome(), verdict.detail());
    assertTrue(verdict.detail().contains("at 10 Hz"), verdict.detail());
  }

  @Test
  void theMountingAngleDoesNotMatter() {
    // The same samples as if the box were fitted on its side: x and z swapped, y reversed.
    UnaryOperator<ImuSample> onItsSide =
        s ->
            new ImuSample(
                s.time(),
                s.accelZMps2(),
                -s.accelYMps2(),
                s.accelXMps2(),
                s.gyroZDegPerS(),
                -s.gyroYDegPerS(),
                s.gyroXDegPerS());
    ImuCheck.Verdict verdict = ImuCheck.assess(atRest.stream().map(onItsSide).toList(), WINDOW, 10);
    assertEquals(Outcome.PASS, verdict.outcome(), verdict.detail());
  }

  @Test
  void aSensorReadAtTheWrongRangeFails() {
    // Raw counts scaled for ±4 g while the chip is set to ±8 g: every reading comes out halved.
    List<ImuSample> halved =
        atRest.stream()
            .map(
                s ->
                    new ImuSample(
                        s.time(),
                        s.accelXMps2() / 2,
                        s.accelYMps2() / 2,
                        s.accelZMps2() / 2,
                        s.gyroXDegPerS(),
                        s.gyroYDegPerS(),
                        s.gyroZDegPerS()))
            .toList();
    ImuCheck.Verdict verdict = ImuCheck.assess(halved, WINDOW, 10);
    assertEquals(Outcome.FAIL, verdict.outcome(), verdict.detail());
    assertTrue(verdict.detail().contains("not one g"), verdict.detail());
  }

  @Test
  void tooFewSamplesForTheConfiguredRateFail() {
    ImuCheck.Verdict verdict = ImuCheck.assess(atRest, WINDOW, 100);
    assertEquals(Outcome.FAIL, verdict.outcome(), verdict.detail());
    assertTrue(verdict.detail().contains("expected 100 Hz"), verdict.detail());
  }

  @Test
  void noSamplesAtAllFail() {
    assertEquals(Outcome.FAIL, ImuCheck.assess(List.of(), WINDOW, 10).outcome());
  }
}
