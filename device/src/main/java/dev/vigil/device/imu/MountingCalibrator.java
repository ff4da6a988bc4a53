package dev.vigil.device.imu;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns IMU samples from a box fitted at any angle into acceleration in the vehicle's axes. It
 * learns up from gravity while the vehicle stands still ({@link GravityLearner}) and forward from
 * how the sensor feels GNSS speed changes ({@link ForwardAxisLearner}); left completes the
 * right-handed frame. Until both are known each output is marked uncalibrated. Learning goes on
 * after calibration, so the estimate keeps improving with every stop and every speed change.
 *
 * <p>Pure and single-threaded: feed fixes and samples in time order from one thread.
 */
public final class MountingCalibrator {
  /**
   * Thresholds; {@link #defaults()} holds the values used in vehicles and why.
   *
   * @param restMaxSpeedMps GNSS speed at or below which the vehicle counts as standing
   * @param restMaxStdMps2 largest spread of acceleration within a rest block
   * @param restBlock length of one rest block
   * @param minRest rest needed before up is trusted
   * @param maxFixAge a speed older than this says nothing about standing now
   * @param minInterval shortest GNSS interval paired with the IMU (longer than a 10 Hz fix gap)
   * @param maxInterval longest (a gap in fixes breaks the pairing)
   * @param movingMinSpeedMps intervals slower than this at both ends are not used for forward
   * @param excitedMinRateMps2 a speed change rate that counts as a real acceleration or braking
   * @param minExcitedIntervals such intervals needed before forward is trusted
   * @param minGain smallest acceptable sensor gain along forward
   * @param maxGain largest acceptable sensor gain along forward
   * @param minCorrelation smallest acceptable correlation of forward acceleration with d(speed)/dt
   */
  public record Settings(
      double restMaxSpeedMps,
      double restMaxStdMps2,
      Duration restBlock,
      Duration minRest,
      Duration maxFixAge,
      Duration minInterval,
      Duration maxInterval,
      double movingMinSpeedMps,
      double excitedMinRateMps2,
      int minExcitedIntervals,
      double minGain,
      double maxGain,
      double minCorrelation) {}

  /**
   * Defaults. Rest: GNSS speed noise of a standing receiver stays below 0.2 m/s; in the Regensburg
   * recording (10 Hz, i.e. 100 ms means, as {@link GravityLearner} judges) a standing car's 2 s
   * blocks spread 0.005–0.04 m/s² and a moving one's 0.13 m/s² or more, so 0.06 m/s² separates
   * them. Forward: 0.5 m/s² is gentle but deliberate acceleration or braking. On the Regensburg
   * drive the axis first accepted after 30 such seconds was 17° off the one learned from the whole
   * drive, after 45 seconds 4°, after 60 seconds 0.5°: 60 it is, which town driving gives within
   * about five or six minutes. With 1 Hz GNSS whose speed is quantised to 0.1 m/s the per-second
   * rate carries ±0.1 m/s² of noise, so even a right axis correlates well below 1 (0.75 over the
   * Regensburg drive); 0.5 rejects wrong axes, which correlate near 0. Gain: accelerometers are
   * within a few percent of scale, but least squares with a noisy regressor shrinks k, hence the
   * wide 0.5–1.5 band.
   */
  public static Settings defaults() {
    return new Settings(
        0.2,
        0.06,
        Duration.ofSeconds(2),
        Duration.ofSeconds(4),
        Duration.ofSeconds(3),
        Duration.ofMillis(900),
        Duration.ofMillis(2_500),
        1.0,
        0.5,
        60,
        0.5,
        1.5,
        0.5);
  }

  private final GravityLearner gravity;
  private final ForwardAxisLearner forward;
  private Mounting mounting = Mounting.AS_LABELLED;
  private boolean calibrated;

  public MountingCalibrator(Settings settings) {
    this.gravity = new GravityLearner(settings);
    this.forward = new ForwardAxisLearner(settings);
  }

  /**
   * A GNSS speed over ground at a fix (only fixes with a 2D or 3D solution). An unknown (NaN) or
   * negative speed is ignored.
   */
  public void onSpeed(Instant fixTime, double speedMps) {
    if (!(speedMps >= 0) || Double.isInfinite(speedMps)) {
      return;
    }
    gravity.onSpeed(fixTime, speedMps);
    forward.onSpeed(fixTime, speedMps);
    update();
  }

  /** A sample in the sensor's axes; returns it in the vehicle's. */
  public VehicleAcceleration onSample(ImuSample sample) {
    gravity.onSample(sample);
    forward.onSample(sample);
    return mounting.toVehicle(sample, calibrated);
  }

  private void update() {
    Optional<Vec3> up = gravity.gravity();
    if (up.isEmpty()) {
      return;
    }
    Vec3 g = up.get();
    Optional<Vec3> ahead = forward.forward(g);
    if (ahead.isPresent()) {
      calibrated = true;
      mounting = Mounting.of(g, ahead.get(), g.norm());
    } else if (!calibrated) {
      mounting = Mounting.guessForward(g, g.norm());
    }
  }

  /** The mounting once learned. */
  public Optional<Mounting> mounting() {
    return calibrated ? Optional.of(mounting) : Optional.empty();
  }

  /** What is still missing, for logs and the self-test. */
  public String progress() {
    if (calibrated) {
      return "calibrated";
    }
    return gravity.gravity().isEmpty()
        ? "waiting for the vehicle to stand still"
        : "waiting for speed changes (" + forward.excitedIntervals() + " so far)";
  }
}
