package dev.vigil.device.safety.geo;

import java.util.List;

/** A simple polygon (a speed zone), projected once; its ring closes by itself. Immutable. */
public final class Polygon {
  private final LocalPlane plane;
  private final double[] xs;
  private final double[] ys;
  private final double minX;
  private final double maxX;
  private final double minY;
  private final double maxY;

  /**
   * @param corners at least three {latDeg, lonDeg} pairs
   */
  public Polygon(List<double[]> corners) {
    if (corners.size() < 3) {
      throw new IllegalArgumentException("a zone needs at least three corners: " + corners.size());
    }
    plane = new LocalPlane(corners.get(0)[0], corners.get(0)[1]);
    xs = new double[corners.size()];
    ys = new double[corners.size()];
    for (int i = 0; i < corners.size(); i++) {
      xs[i] = plane.xM(corners.get(i)[1]);
      ys[i] = plane.yM(corners.get(i)[0]);
    }
    minX = min(xs);
    maxX = -min(negate(xs));
    minY = min(ys);
    maxY = -min(negate(ys));
  }

  /** Even-odd rule; a point exactly on an edge may fall either way. */
  public boolean contains(double latDeg, double lonDeg) {
    double x = plane.xM(lonDeg);
    double y = plane.yM(latDeg);
    if (x < minX || x > maxX || y < minY || y > maxY) {
      return false;
    }
    boolean inside = false;
    for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
      if ((ys[i] > y) != (ys[j] > y)
          && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
        inside = !inside;
      }
    }
    return inside;
  }

  private static double min(double[] values) {
    double m = Double.POSITIVE_INFINITY;
    for (double v : values) {
      m = Math.min(m, v);
    }
    return m;
  }

  private static double[] negate(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = -values[i];
    }
    return out;
  }
}
