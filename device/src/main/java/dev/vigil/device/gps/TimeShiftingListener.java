package dev.vigil.device.gps;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Replays a recorded drive as if it were happening now: each fix is stamped with the clock's time
 * when it is delivered (the replay already paces fixes as the recording did, scaled by its speed),
 * so fix times stay in step with the agent's clock at any replay speed. Used for the demo and for
 * simulated vehicles, never for a real receiver.
 */
public final class TimeShiftingListener implements GnssListener {
  private final GnssListener target;
  private final Clock clock;

  public TimeShiftingListener(GnssListener target, Clock clock) {
    this.target = target;
    this.clock = clock;
  }

  @Override
  public void onFix(GnssFix fix) {
    target.onFix(fix.at(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
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
