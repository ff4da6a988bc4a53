package dev.vigil.device.imu;

/**
 * Least-squares fit of a vector response A against a scalar regressor d (A = k·d + b), kept as
 * running sums, with the correlation between d and the response projected on a direction.
 */
final class Regression {
  private long n;
  private double sumD;
  private double sumDd;
  private Vec3 sumA = Vec3.ZERO;
  private Vec3 sumAd = Vec3.ZERO;

  /** Upper triangle of Σ A·Aᵀ: xx, xy, xz, yy, yz, zz. */
  private final double[] sumAa = new double[6];

  void add(Vec3 a, double d) {
    n++;
    sumD += d;
    sumDd += d * d;
    sumA = sumA.plus(a);
    sumAd = sumAd.plus(a.times(d));
    sumAa[0] += a.x() * a.x();
    sumAa[1] += a.x() * a.y();
    sumAa[2] += a.x() * a.z();
    sumAa[3] += a.y() * a.y();
    sumAa[4] += a.y() * a.z();
    sumAa[5] += a.z() * a.z();
  }

  /** k, or zero while d has not varied. */
  Vec3 slope() {
    double spreadD = n * sumDd - sumD * sumD;
    if (n < 2 || !(spreadD > 0)) {
      return Vec3.ZERO;
    }
    return sumAd.times(n).minus(sumA.times(sumD)).times(1 / spreadD);
  }

  /** Pearson correlation of A·u with d, for a unit vector u. */
  double correlation(Vec3 u) {
    double sumX = sumA.dot(u);
    double sumXd = sumAd.dot(u);
    double sumXx = quadratic(u);
    double cov = n * sumXd - sumX * sumD;
    double varX = n * sumXx - sumX * sumX;
    double varD = n * sumDd - sumD * sumD;
    return varX > 0 && varD > 0 ? cov / Math.sqrt(varX * varD) : 0;
  }

  private double quadratic(Vec3 u) {
    return u.x() * u.x() * sumAa[0]
        + 2 * u.x() * u.y() * sumAa[1]
        + 2 * u.x() * u.z() * sumAa[2]
        + u.y() * u.y() * sumAa[3]
        + 2 * u.y() * u.z() * sumAa[4]
        + u.z() * u.z() * sumAa[5];
  }
}
