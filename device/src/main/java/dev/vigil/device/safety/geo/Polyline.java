package dev.vigil.device.safety.geo;

import java.util.List;

/**
 * A planned route, projected once onto its own {@link LocalPlane} so the distance from a fix to the
 * route is plain arithmetic. Immutable.
 */
public final class Polyline {
  private final LocalPlane plane;
  private final double[] xs;
  private final double[] ys;

  /**
   * @param points at least two, in driving order, as {latDeg, lonDeg} pairs
   */
  public Polyline(List<double[]> points) {
    if (points.size() < 2) {
      throw new IllegalArgumentException("a route needs at least two points: " + points.size());
    }
    plane = new LocalPlane(points.get(0)[0], points.get(0)[1]);
    xs = new double[points.size()];
    ys = new double[points.size()];
    for (int i = 0; i < points.size(); i++) {
      xs[i] = plane.xM(points.get(i)[1]);
      ys[i] = plane.yM(points.get(i)[0]);
    }
  }

  public int segments() {
    return xs.length - 1;
  }

  public LocalPlane plane() {
    return plane;
  }

  /**
   * The segment nearest to a point among segments {@code from} (inclusive) to {@code to}
   * (exclusive), clamped to the route; its index in {@link Nearest#segment}.
   */
  public Nearest nearest(double xM, double yM, int from, int to) {
    int start = Math.max(0, from);
    int end = Math.min(segments(), to);
    double best = Double.POSITIVE_INFINITY;
    int bestSegment = start;
    for (int i = start; i < end; i++) {
      double d2 = segmentDistance2(i, xM, yM);
      if (d2 < best) {
        best = d2;
        bestSegment = i;
      }
    }
    return new Nearest(bestSegment, Math.sqrt(best));
  }

  private double segmentDistance2(int i, double px, double py) {
    double ax = xs[i];
    double ay = ys[i];
    double dx = xs[i + 1] - ax;
    double dy = ys[i + 1] - ay;
    double len2 = dx * dx + dy * dy;
    double t = len2 == 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
    t = t < 0 ? 0 : (t > 1 ? 1 : t);
    double ex = ax + t * dx - px;
    double ey = ay + t * dy - py;
    return ex * ex + ey * ey;
  }

  /** The nearest segment and the distance to it. */
  public record Nearest(int segment, double distanceM) {}
}
