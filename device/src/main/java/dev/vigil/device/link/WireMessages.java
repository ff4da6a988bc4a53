package dev.vigil.device.link;

import dev.vigil.device.gps.FixMode;
import dev.vigil.device.gps.GnssFix;
import dev.vigil.protocol.pb.Position;

/**
 * Device values to wire messages (pure). Unknown values travel as NaN or 0, as vigil.proto says.
 */
public final class WireMessages {
  private WireMessages() {}

  public static Position position(GnssFix fix) {
    return Position.newBuilder()
        .setFixTimeMs(fix.fixTime().toEpochMilli())
        .setLatDeg(fix.latDeg())
        .setLonDeg(fix.lonDeg())
        .setSpeedMps((float) fix.speedMps())
        .setHeadingDeg((float) fix.courseDeg().orElse(Double.NaN))
        .setAltitudeM((float) fix.altitudeM().orElse(Double.NaN))
        .setFixMode(fixMode(fix.mode()))
        .setSatellites(Math.max(fix.satellites(), 0))
        .setHdop((float) fix.hdop().orElse(Double.NaN))
        .build();
  }

  private static dev.vigil.protocol.pb.FixMode fixMode(FixMode mode) {
    return switch (mode) {
      case NONE -> dev.vigil.protocol.pb.FixMode.FIX_MODE_NONE;
      case TWO_D -> dev.vigil.protocol.pb.FixMode.FIX_MODE_2D;
      case THREE_D -> dev.vigil.protocol.pb.FixMode.FIX_MODE_3D;
    };
  }
}
