package dev.vigil.device.safety.geo;

/**
 * A flat plane tangent to the earth at one reference point: x east, y north, metres. Over the tens
 * of kilometres a trip spans, the equirectangular approximation is off by well under 0.1%, far
 * below GNSS error, and it turns every distance into two multiplications.
 */
public final class LocalPlane {
  /** IUGG mean earth radius. */
  public static final double EARTH_RADIUS_M = 6_371_008.8;

  private static final double M_PER_DEG = EARTH_RADIUS_M * Math.PI / 180;

  private final double lat0Deg;
  private final double lon0Deg;
  private final double mPerDegLon;

  public LocalPlane(double lat0Deg, double lon0Deg) {
    this.lat0Deg = lat0Deg;
    this.lon0Deg = lon0Deg;
    this.mPerDegLon = M_PER_DEG * Math.cos(Math.toRadians(lat0Deg));
  }

  public double xM(double lonDeg) {
    return (lonDeg - lon0Deg) * mPerDegLon;
  }

  public double yM(double latDeg) {
    return (latDeg - lat0Deg) * M_PER_DEG;
  }

  public double latDeg(double yM) {
    return lat0Deg + yM / M_PER_DEG;
  }

  public double lonDeg(double xM) {
    return lon0Deg + xM / mPerDegLon;
  }

  /** Great-circle distance (haversine), for points that share no plane. */
  public static double distanceM(double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg) {
    double dLat = Math.toRadians(lat2Deg - lat1Deg);
    double dLon = Math.toRadians(lon2Deg - lon1Deg);
    double a =
        Math.sin(dLat / 2) * Math.sin(dLat / 2)
            + Math.cos(Math.toRadians(lat1Deg))
                * Math.cos(Math.toRadians(lat2Deg))
                * Math.sin(dLon / 2)
                * Math.sin(dLon / 2);
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
  }
}
