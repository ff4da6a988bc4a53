package dev.vigil.device.gps;

import java.time.Clock;
import java.time.Duration;

/**
 * Replays a recorded drive as if it were happening now: every fix time is moved by the offset
 * between the first fix of the recording and the clock at that moment. Used for the demo and for
 * simulated vehicles, never for a real receiver.
 */
public final class TimeShiftingListener implements GnssListener {
  private final GnssListener target;
  private final Clock clock;
  private Duration offset;

  public TimeShiftingListener(GnssListener target, Clock clock) {
    this.target = target;
    this.clock = clock;
  }

  @Override
  public void onFix(GnssFix fix) {
    if (offset == null) {
      offset = Duration.between(fix.fixTime(), clock.instant());
    }
    target.onFix(
        new GnssFix(
            fix.fixTime().plus(offset),
            fix.latDeg(),
            fix.lonDeg(),
            fix.speedMps(),
            fix.courseDeg(),
            fix.altitudeM(),
            fix.mode(),
            fix.satellites(),
            fix.hdop()));
  }

  @Override
  public void onLost(String reason) {
    target.onLost(reason);
  }

  @Override
  public void onRecovered() {
    target.onRecovered();
  }
}
