package dev.vigil.device.safety;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.link.WireMessages;
import dev.vigil.protocol.pb.Alarm;
import dev.vigil.protocol.pb.AlarmType;
import java.time.Instant;
import java.util.Optional;

/**
 * A panic press becomes a PANIC alarm (pure). The alarm id is unique on this device and stays the
 * same if the alarm is sent again, so the gateway raises one alert per press.
 */
public final class PanicAlarms {
  private final String bootId;
  private long count;

  /**
   * @param bootId distinguishes this run of the agent from earlier ones (e.g. start time in ms)
   */
  public PanicAlarms(String bootId) {
    this.bootId = bootId;
  }

  /**
   * True when this run of the agent raised {@code alarmId}: an acknowledgement naming only other
   * ids (an old one replayed on the broker) must not tell the driver that help is coming.
   */
  public boolean raisedInThisRun(String alarmId) {
    String prefix = "panic-" + bootId + "-";
    if (!alarmId.startsWith(prefix)) {
      return false;
    }
    try {
      long n = Long.parseLong(alarmId.substring(prefix.length()));
      synchronized (this) {
        return n >= 1 && n <= count;
      }
    } catch (NumberFormatException e) {
      return false;
    }
  }

  public synchronized Alarm press(Instant at, Optional<GnssFix> lastFix, Optional<String> tripId) {
    count++;
    Alarm.Builder alarm =
        Alarm.newBuilder()
            .setAlarmId("panic-" + bootId + "-" + count)
            .setType(AlarmType.PANIC)
            .setRaisedAtMs(at.toEpochMilli())
            .setTripId(tripId.orElse(""));
    lastFix.ifPresent(fix -> alarm.setPosition(WireMessages.position(fix)));
    lastFix.ifPresent(
        fix ->
            alarm.putDetails(
                "fixAgeMs", Long.toString(at.toEpochMilli() - fix.fixTime().toEpochMilli())));
    return alarm.build();
  }
}
