package dev.vigil.protocol.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * The last known fix when the alert was raised. WGS-84 degrees, speed in metres per second, heading
 * in degrees clockwise from true north; speed and heading are null when the receiver gave none.
 */
public record AlertPosition(
    double lat, double lon, Double speedMps, Double headingDeg, Instant fixTime) {
  public AlertPosition {
    Objects.requireNonNull(fixTime, "fixTime");
    if (!(lat >= -90 && lat <= 90)) {
      throw new IllegalArgumentException("lat out of range [-90, 90]: " + lat);
    }
    if (!(lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException("lon out of range [-180, 180]: " + lon);
    }
    if (speedMps != null && (!(speedMps >= 0) || speedMps.isInfinite())) {
      throw new IllegalArgumentException("speedMps must be finite and >= 0, or null: " + speedMps);
    }
    if (headingDeg != null && !Double.isFinite(headingDeg)) {
      throw new IllegalArgumentException("headingDeg must be finite or null: " + headingDeg);
    }
  }
}
