package dev.vigil.device.imu;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Learns which way is up in the sensor's axes: the mean acceleration over blocks of samples taken
 * while the vehicle stood still (GNSS speed at most {@code restMaxSpeedMps} throughout) and the
 * sensor was quiet, which rejects a door slam or a passenger climbing in. Blocks are disjoint, so
 * each sample costs O(1). Stops on slopes average out over many stops. Pure: time comes from the
 * samples and fixes.
 *
 * <p>Quiet is judged on 100 ms means, not raw samples, so the threshold does not depend on the
 * sample rate: at 100 Hz an MPU-6050's own noise (400 µg/√Hz, product specification rev. 3.4,
 * through the 44 Hz filter) is about 0.03 m/s² per axis, as large as a standing car's spread in the
 * 10 Hz Regensburg recording; 100 ms means cut it and engine idle vibration by ~3x.
 */
final class GravityLearner {
  private static final Duration SLICE = Duration.ofMillis(100);

  private final MountingCalibrator.Settings settings;
  private Vec3 restSum = Vec3.ZERO;
  private long restSamples;
  private Duration restTime = Duration.ZERO;

  private Instant blockStart;
  private Vec3 blockSum = Vec3.ZERO;
  private long blockSamples;
  private Vec3 sliceMeans = Vec3.ZERO;
  private double sliceSquares;
  private int slices;
  private boolean blockStill;

  private Instant sliceStart;
  private Vec3 sliceSum = Vec3.ZERO;
  private int sliceSamples;

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
    Instant now = sample.time();
    if (blockStart == null || now.isBefore(blockStart)) {
      startBlock(now);
    }
    if (!now.isBefore(sliceStart.plus(SLICE))) {
      endSlice(now);
    }
    if (Duration.between(blockStart, now).compareTo(settings.restBlock()) >= 0) {
      endBlock();
      startBlock(now);
    }
    blockStill &= standing(now);
    sliceSum = sliceSum.plus(sample.accel());
    sliceSamples++;
  }

  private boolean standing(Instant now) {
    return lastFixTime != null
        && lastSpeedMps <= settings.restMaxSpeedMps()
        && Duration.between(lastFixTime, now).abs().compareTo(settings.maxFixAge()) <= 0;
  }

  private void startBlock(Instant time) {
    blockStart = time;
    blockSum = Vec3.ZERO;
    blockSamples = 0;
    sliceMeans = Vec3.ZERO;
    sliceSquares = 0;
    slices = 0;
    blockStill = true;
    sliceStart = time;
    sliceSum = Vec3.ZERO;
    sliceSamples = 0;
  }

  private void endSlice(Instant now) {
    if (sliceSamples > 0) {
      Vec3 mean = sliceSum.times(1.0 / sliceSamples);
      blockSum = blockSum.plus(sliceSum);
      blockSamples += sliceSamples;
      sliceMeans = sliceMeans.plus(mean);
      sliceSquares += mean.dot(mean);
      slices++;
    }
    sliceStart = now;
    sliceSum = Vec3.ZERO;
    sliceSamples = 0;
  }

  /** Spread: root of the summed per-axis variances of the block's slice means. */
  private void endBlock() {
    if (slices < 2 || !blockStill) {
      return;
    }
    Vec3 mean = sliceMeans.times(1.0 / slices);
    double variance = Math.max(0, sliceSquares / slices - mean.dot(mean));
    if (Math.sqrt(variance) <= settings.restMaxStdMps2()) {
      restSum = restSum.plus(blockSum);
      restSamples += blockSamples;
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
