package dev.vigil.device.imu;

/**
 * How the box is fitted: the vehicle's forward, left and up directions as unit vectors in the
 * sensor's axes, and the gravity the sensor reads at rest (its own scale, so a chip that reads 9.7
 * m/s² at rest still reports 0 m/s² vertical then).
 */
public record Mounting(Vec3 forward, Vec3 left, Vec3 up, double gravityMps2) {
  /** Standard gravity, m/s² (CGPM 1901). */
  public static final double STANDARD_GRAVITY_MPS2 = 9.80665;

  /** The box fitted as its label shows: chip x forward, y left, z up. */
  public static final Mounting AS_LABELLED =
      new Mounting(new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1), STANDARD_GRAVITY_MPS2);

  /** The frame with {@code up} and {@code forwardHint} made horizontal; left completes it. */
  public static Mounting of(Vec3 up, Vec3 forwardHint, double gravityMps2) {
    Vec3 u = up.unit();
    Vec3 f = forwardHint.perpendicularTo(u).unit();
    return new Mounting(f, u.cross(f), u, gravityMps2);
  }

  /**
   * Up is known but forward is not: the chip axis least aligned with up, made horizontal, stands in
   * for forward.
   */
  public static Mounting guessForward(Vec3 up, double gravityMps2) {
    Vec3 u = up.unit();
    Vec3 hint = Math.abs(u.x()) < 0.9 ? new Vec3(1, 0, 0) : new Vec3(0, 1, 0);
    return of(u, hint, gravityMps2);
  }

  public VehicleAcceleration toVehicle(ImuSample sample, boolean calibrated) {
    Vec3 a = sample.accel();
    return new VehicleAcceleration(
        sample.time(), a.dot(forward), a.dot(left), a.dot(up) - gravityMps2, calibrated);
  }
}
