package dev.vigil.device.imu;

/** A 3-vector of doubles, immutable; units are the caller's. */
public record Vec3(double x, double y, double z) {
  public static final Vec3 ZERO = new Vec3(0, 0, 0);

  public Vec3 plus(Vec3 o) {
    return new Vec3(x + o.x, y + o.y, z + o.z);
  }

  public Vec3 minus(Vec3 o) {
    return new Vec3(x - o.x, y - o.y, z - o.z);
  }

  public Vec3 times(double k) {
    return new Vec3(x * k, y * k, z * k);
  }

  public double dot(Vec3 o) {
    return x * o.x + y * o.y + z * o.z;
  }

  public Vec3 cross(Vec3 o) {
    return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
  }

  public double norm() {
    return Math.sqrt(dot(this));
  }

  public Vec3 unit() {
    double n = norm();
    if (!(n > 0)) {
      throw new IllegalArgumentException("no direction: " + this);
    }
    return times(1 / n);
  }

  /** This vector without its component along the unit vector {@code axis}. */
  public Vec3 perpendicularTo(Vec3 axis) {
    return minus(axis.times(dot(axis)));
  }
}
