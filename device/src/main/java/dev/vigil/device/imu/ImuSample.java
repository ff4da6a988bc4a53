package dev.vigil.device.imu;

import java.time.Instant;

/**
 * One reading of a 3-axis accelerometer and gyroscope, in the sensor's own axes (right-handed, as
 * printed on the chip), not the vehicle's: {@link MountingCalibrator} learns how the box is fitted.
 *
 * <p>Acceleration is specific force, as accelerometers measure it: at rest the sensor reads about
 * +9.81 m/s² along the axis pointing up. Rotation rates are positive counter-clockwise about each
 * axis, looking from its tip towards the origin.
 *
 * @param time when the sample was taken (the source's clock)
 */
public record ImuSample(
    Instant time,
    double accelXMps2,
    double accelYMps2,
    double accelZMps2,
    double gyroXDegPerS,
    double gyroYDegPerS,
    double gyroZDegPerS) {

  /** The acceleration as a vector, m/s². */
  public Vec3 accel() {
    return new Vec3(accelXMps2, accelYMps2, accelZMps2);
  }
}
