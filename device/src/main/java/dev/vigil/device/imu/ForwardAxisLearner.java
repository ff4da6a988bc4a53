package dev.vigil.device.imu;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Learns the vehicle's forward direction in the sensor's axes from GNSS speed changes. Between two
 * fixes about a second apart the mean measured acceleration A (a 3-vector) is paired with the speed
 * change rate d = Δspeed/Δt. Fitting A = k·d + b by least squares over many such intervals gives k,
 * the direction in which the sensor feels speed changes: forward (its length is the sensor's gain,
 * about 1). The constant b absorbs gravity and fixed biases; turns, bumps and slopes are
 * uncorrelated with d and average out. Only sums are kept (O(1) memory and time).
 *
 * <p>Accepted only when the fit is convincing: enough intervals with a real speed change, a gain
 * near 1, and the acceleration along k correlated with d. A replayed IMU recording paired with an
 * unrelated GNSS drive fails these tests and stays uncalibrated.
 */
final class ForwardAxisLearner {
  private final MountingCalibrator.Settings settings;
  private final Regression regression = new Regression();
  private int excitedIntervals;

  private Instant intervalStart;
  private double startSpeedMps;
  private Vec3 sum = Vec3.ZERO;
  private int count;

  ForwardAxisLearner(MountingCalibrator.Settings settings) {
    this.settings = settings;
  }

  void onSpeed(Instant time, double speedMps) {
    if (intervalStart != null && !time.isAfter(intervalStart)) {
      return;
    }
    Duration span = intervalStart == null ? Duration.ZERO : Duration.between(intervalStart, time);
    if (span.compareTo(settings.minInterval()) < 0 && intervalStart != null) {
      return;
    }
    if (intervalStart != null && span.compareTo(settings.maxInterval()) <= 0 && count > 0) {
      closeInterval(speedMps, span);
    }
    intervalStart = time;
    startSpeedMps = speedMps;
    sum = Vec3.ZERO;
    count = 0;
  }

  private void closeInterval(double endSpeedMps, Duration span) {
    if (Math.max(startSpeedMps, endSpeedMps) < settings.movingMinSpeedMps()) {
      return;
    }
    double rate = (endSpeedMps - startSpeedMps) / (span.toNanos() / 1e9);
    regression.add(sum.times(1.0 / count), rate);
    if (Math.abs(rate) >= settings.excitedMinRateMps2()) {
      excitedIntervals++;
    }
  }

  void onSample(ImuSample sample) {
    if (intervalStart != null && !sample.time().isBefore(intervalStart)) {
      sum = sum.plus(sample.accel());
      count++;
    }
  }

  /** Forward in the sensor's axes, horizontal for the given up, once the fit is convincing. */
  Optional<Vec3> forward(Vec3 up) {
    if (excitedIntervals < settings.minExcitedIntervals()) {
      return Optional.empty();
    }
    Vec3 k = regression.slope().perpendicularTo(up.unit());
    double gain = k.norm();
    if (!(gain >= settings.minGain() && gain <= settings.maxGain())) {
      return Optional.empty();
    }
    Vec3 forward = k.times(1 / gain);
    return regression.correlation(forward) >= settings.minCorrelation()
        ? Optional.of(forward)
        : Optional.empty();
  }

  /** Intervals with a speed change of at least the excitation threshold, for progress reports. */
  int excitedIntervals() {
    return excitedIntervals;
  }
}
