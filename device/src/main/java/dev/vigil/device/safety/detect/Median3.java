package dev.vigil.device.safety.detect;

/** The median of the last three values: drops one outlier among them. */
final class Median3 {
  private final double[] values = new double[3];
  private int count;

  void add(double value) {
    values[count % 3] = value;
    count++;
  }

  boolean full() {
    return count >= 3;
  }

  void clear() {
    count = 0;
  }

  double median() {
    double a = values[0];
    double b = values[1];
    double c = values[2];
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}
