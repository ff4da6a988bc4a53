package dev.vigil.device.imu;

/**
 * Receives each IMU sample as measured and in the vehicle's axes: the safety engine's input for
 * harsh braking, cornering and crashes. Called on the IMU's thread, 50–100 times a second: must not
 * block.
 */
public interface MotionListener {
  void onMotion(ImuSample raw, VehicleAcceleration vehicle);

  /** The IMU stopped delivering. */
  default void onImuLost(String reason) {}
}
