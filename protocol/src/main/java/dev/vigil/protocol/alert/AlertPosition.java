package dev.vigil.protocol.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the vehicle was: WGS-84 degrees, speed in m/s, heading clockwise from true north ({@code
 * null} when unknown), and the receiver time of that fix.
 */
public record AlertPosition(
    double lat, double lon, double speedMps, Double headingDeg, Instant fixTime) {
  public AlertPosition {
    Objects.requireNonNull(fixTime, "fixTime");
  }
}
