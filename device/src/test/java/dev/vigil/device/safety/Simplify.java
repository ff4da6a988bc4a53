package dev.vigil.device.safety;

import dev.vigil.device.safety.geo.LocalPlane;
import java.util.ArrayList;
import java.util.List;

/**
 * Douglas–Peucker: turns a recorded track into the kind of polyline a router would plan, with
 * vertices only where the road bends by more than {@code toleranceM}.
 */
public final class Simplify {
  private Simplify() {}

  public static List<double[]> douglasPeucker(List<double[]> points, double toleranceM) {
    LocalPlane plane = new LocalPlane(points.get(0)[0], points.get(0)[1]);
    boolean[] keep = new boolean[points.size()];
    keep[0] = true;
    keep[points.size() - 1] = true;
    mark(points, plane, 0, points.size() - 1, toleranceM, keep);
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      if (keep[i]) {
        out.add(points.get(i));
      }
    }
    return out;
  }

  private static void mark(
      List<double[]> p, LocalPlane plane, int from, int to, double tol, boolean[] keep) {
    double ax = plane.xM(p.get(from)[1]);
    double ay = plane.yM(p.get(from)[0]);
    double bx = plane.xM(p.get(to)[1]);
    double by = plane.yM(p.get(to)[0]);
    double worst = -1;
    int worstAt = -1;
    for (int i = from + 1; i < to; i++) {
      double d = distance(plane.xM(p.get(i)[1]), plane.yM(p.get(i)[0]), ax, ay, bx, by);
      if (d > worst) {
        worst = d;
        worstAt = i;
      }
    }
    if (worst > tol) {
      keep[worstAt] = true;
      mark(p, plane, from, worstAt, tol, keep);
      mark(p, plane, worstAt, to, tol, keep);
    }
  }

  private static double distance(double px, double py, double ax, double ay, double bx, double by) {
    double dx = bx - ax;
    double dy = by - ay;
    double len2 = dx * dx + dy * dy;
    double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
    return Math.hypot(ax + t * dx - px, ay + t * dy - py);
  }
}
