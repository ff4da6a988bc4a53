package dev.vigil.device.safety;

import dev.vigil.device.safety.geo.LocalPlane;

/** A circle on the map where standing still is expected: a pick-up, drop-off or destination. */
public record Place(String name, double latDeg, double lonDeg, double radiusM) {
  public boolean contains(double lat, double lon) {
    return LocalPlane.distanceM(latDeg, lonDeg, lat, lon) <= radiusM;
  }
}
