package dev.vigil.device.imu;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Learns which way is up in the sensor's axes: the mean acceleration over blocks of samples taken
 * while the vehicle stood still (GNSS speed at most {@code maxSpeedMps} throughout) and the sensor
 * was quiet (standard deviation of the block's vectors at most {@code maxStdMps2}, which rejects a
 * door slam or a passenger climbing in). Blocks are disjoint, so each sample costs O(1). Stops on
 * slopes average out over many stops. Pure: time comes from the samples and fixes.
 */
final class GravityLearner {
  private final MountingCalibrator.Settings settings;
  private Vec3 restSum = Vec3.ZERO;
  private long restSamples;
  private Duration restTime = Duration.ZERO;

  private Instant blockStart;
  private Vec3 sum = Vec3.ZERO;
  private double sumSquares;
  private int count;
  private boolean blockStill;

  private Instant lastFixTime;
  private double lastSpeedMps = Double.NaN;

  GravityLearner(MountingCalibrator.Settings settings) {
    this.settings = settings;
  }

  void onSpeed(Instant time, double speedMps) {
    lastFixTime = time;
    lastSpeedMps = speedMps;
    if (speedMps > settings.restMaxSpeedMps()) {
      blockStill = false;
    }
  }

  void onSample(ImuSample sample) {
    if (blockStart == null || sample.time().isBefore(blockStart)) {
      startBlock(sample.time());
    }
    blockStill &= standing(sample.time());
    Vec3 a = sample.accel();
    sum = sum.plus(a);
    sumSquares += a.dot(a);
    count++;
    if (Duration.between(blockStart, sample.time()).compareTo(settings.restBlock()) >= 0) {
      endBlock();
      startBlock(sample.time());
    }
  }

  private boolean standing(Instant now) {
    return lastFixTime != null
        && lastSpeedMps <= settings.restMaxSpeedMps()
        && Duration.between(lastFixTime, now).abs().compareTo(settings.maxFixAge()) <= 0;
  }

  private void startBlock(Instant time) {
    blockStart = time;
    sum = Vec3.ZERO;
    sumSquares = 0;
    count = 0;
    blockStill = true;
  }

  private void endBlock() {
    Vec3 mean = sum.times(1.0 / count);
    double variance = Math.max(0, sumSquares / count - mean.dot(mean));
    if (blockStill && count >= 2 && Math.sqrt(variance) <= settings.restMaxStdMps2()) {
      restSum = restSum.plus(sum);
      restSamples += count;
      restTime = restTime.plus(settings.restBlock());
    }
  }

  /** The mean specific force at rest (points up), once enough rest has been seen. */
  Optional<Vec3> gravity() {
    if (restTime.compareTo(settings.minRest()) < 0) {
      return Optional.empty();
    }
    return Optional.of(restSum.times(1.0 / restSamples));
  }
}
