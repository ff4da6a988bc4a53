package dev.vigil.device.safety.detect;

import dev.vigil.device.gps.FixMode;
import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.Finding;
import dev.vigil.device.safety.Hazard;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tamper (pure): GNSS gone for longer than {@code gnssLostAfter} while the ignition is on (a
 * covered or cut antenna, a jammer), a fault on the panic button's circuit, and a cut of the main
 * power. Each raises TAMPER with its {@code reason}; GNSS loss once per loss, a button fault once
 * per distinct fault per {@code faultRepeat}, every power cut.
 */
public final class TamperDetector {
  /**
   * @param gnssLostAfter 180 s (our choice): long enough for most tunnels and a multi-storey car
   *     park, short enough that a covered antenna is reported within minutes
   * @param faultRepeat 10 min: a flapping button circuit is reported, not streamed
   */
  public record Thresholds(Duration gnssLostAfter, Duration faultRepeat) {
    public static Thresholds defaults() {
      return new Thresholds(Duration.ofSeconds(180), Duration.ofMinutes(10));
    }
  }

  private final Thresholds limits;
  private final Map<String, Instant> faultsRaised = new HashMap<>();
  private Instant lastGood;
  private boolean gnssRaised;

  public TamperDetector(Thresholds limits) {
    this.limits = limits;
  }

  public void onFix(GnssFix fix) {
    if (fix.mode() != FixMode.NONE) {
      lastGood = fix.fixTime();
      gnssRaised = false;
    }
  }

  /**
   * @param ignitionOn the vehicle is in use; a parked vehicle may lose GNSS in a garage
   */
  public void update(Instant now, boolean ignitionOn, List<Finding> out) {
    if (lastGood == null) {
      lastGood = now;
    }
    Duration lost = Duration.between(lastGood, now);
    if (!ignitionOn || gnssRaised || lost.compareTo(limits.gnssLostAfter()) < 0) {
      return;
    }
    gnssRaised = true;
    out.add(
        Finding.of(
            Hazard.TAMPER,
            now,
            Map.of(
                "reason", "gnss_lost",
                "lostS", Long.toString(lost.toSeconds()),
                "lastFix", lastGood.toString())));
  }

  public void onButtonFault(Instant at, String fault, List<Finding> out) {
    Instant before = faultsRaised.get(fault);
    if (before != null && Duration.between(before, at).compareTo(limits.faultRepeat()) < 0) {
      return;
    }
    faultsRaised.put(fault, at);
    out.add(Finding.of(Hazard.TAMPER, at, Map.of("reason", "button_fault", "fault", fault)));
  }

  public void onPowerCut(Instant at, List<Finding> out) {
    out.add(new Finding(Hazard.TAMPER, at, true, Map.of("reason", "power_cut")));
  }
}
