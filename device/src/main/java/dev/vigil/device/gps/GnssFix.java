package dev.vigil.device.gps;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * One navigation solution, assembled from the sentences a receiver sent for one epoch.
 *
 * <p>Angles in degrees (WGS-84; course clockwise from true north). A value the receiver did not
 * report is empty, never zero: a stationary vehicle and an unknown speed must stay distinct.
 *
 * @param fixTime receiver time of the epoch, UTC
 * @param satellites satellites used in the solution, -1 when not reported
 */
public record GnssFix(
    Instant fixTime,
    double latDeg,
    double lonDeg,
    double speedMps,
    OptionalDouble courseDeg,
    OptionalDouble altitudeM,
    FixMode mode,
    int satellites,
    OptionalDouble hdop) {
  /** The same solution stamped with another time: a replay moving a recording onto its clock. */
  public GnssFix at(Instant time) {
    return new GnssFix(
        time, latDeg, lonDeg, speedMps, courseDeg, altitudeM, mode, satellites, hdop);
  }
}
