package dev.vigil.device.selftest;

import dev.vigil.device.imu.ImuSample;
import dev.vigil.device.selftest.SelfTestReport.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Judges a few seconds of IMU samples taken with the vehicle standing still: the accelerometer must
 * read one g in magnitude, whatever angle the box is fitted at, and the samples must arrive at the
 * configured rate. Pure: the caller collects the samples.
 *
 * <p>One g is 9.80665 m/s² (standard gravity); local gravity differs by less than 0.03 m/s² between
 * the equator and the poles, so the ±0.5 m/s² band is the sensor's zero-g offset and scale error
 * (the MPU-6050 datasheet, PS-MPU-6000A-00 rev 3.4, table 6.2: ±50 mg offset, ±3% scale), not
 * geography.
 *
 * <p>A vehicle cruising straight at a steady speed also reads one g (on the real Regensburg drive
 * at 10 m/s: 9.76 m/s², spread 0.17), so this check cannot tell that from standing still: the
 * installer is asked to keep the vehicle still, and the spread only catches real jolts.
 */
public final class ImuCheck {
  static final double ONE_G_MPS2 = 9.80665;
  static final double TOLERANCE_MPS2 = 0.5;

  /** Spread of the magnitude that a vehicle standing still with its engine running stays under. */
  static final double STILL_SPREAD_MPS2 = 0.5;

  private ImuCheck() {}

  /** The outcome and a line for the installer's report. */
  public record Verdict(Outcome outcome, String detail) {}

  public static Verdict assess(List<ImuSample> samples, Duration window, int expectedRateHz) {
    double seconds = window.toMillis() / 1000.0;
    double rateHz = samples.size() / seconds;
    if (samples.size() < 2 || rateHz < expectedRateHz * 0.5) {
      return new Verdict(
          Outcome.FAIL,
          String.format(
              Locale.ROOT,
              "%d samples in %.1f s (%.0f Hz, expected %d Hz): check the I2C wiring and address",
              samples.size(),
              seconds,
              rateHz,
              expectedRateHz));
    }
    double sum = 0;
    double sumSquares = 0;
    for (ImuSample sample : samples) {
      double magnitude = sample.accel().norm();
      sum += magnitude;
      sumSquares += magnitude * magnitude;
    }
    double mean = sum / samples.size();
    double spread = Math.sqrt(Math.max(0, sumSquares / samples.size() - mean * mean));
    String figures =
        String.format(
            Locale.ROOT, "|a| = %.2f m/s² (spread %.2f) at %.0f Hz", mean, spread, rateHz);
    if (Math.abs(mean - ONE_G_MPS2) > TOLERANCE_MPS2) {
      return new Verdict(Outcome.FAIL, figures + ": not one g; is the sensor damaged or misread?");
    }
    if (spread > STILL_SPREAD_MPS2) {
      return new Verdict(
          Outcome.FAIL, figures + ": too much motion; repeat with the vehicle still");
    }
    return new Verdict(Outcome.PASS, figures + ", one g at rest");
  }
}
