package dev.vigil.device.safety;

import java.time.Instant;

/**
 * One accelerometer sample in the vehicle frame, gravity removed: what the harsh-driving and crash
 * detectors read. Whoever owns the IMU (its mounting calibration, its filters) turns its samples
 * into these; the safety engine never sees sensor axes.
 *
 * @param longitudinalMps2 positive when the vehicle speeds up, negative when it brakes
 * @param lateralMps2 positive towards the vehicle's left (a left turn), negative to the right
 */
public record VehicleAcceleration(Instant at, double longitudinalMps2, double lateralMps2) {
  public double horizontalMps2() {
    return Math.hypot(longitudinalMps2, lateralMps2);
  }
}
