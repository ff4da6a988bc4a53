package dev.vigil.device.safety;

import dev.vigil.device.gps.GnssFix;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A finding the control room must see: an event ({@code up/evt}) or an alarm ({@code up/alarm}).
 *
 * @param id unique on this device, stable if the report is sent again
 * @param position the last fix when it was raised
 * @param tripId "" outside a trip
 */
public record Report(
    Kind kind,
    String id,
    Hazard hazard,
    Instant at,
    Optional<GnssFix> position,
    String tripId,
    Map<String, String> details) {

  public Report {
    details = Map.copyOf(details);
  }

  /** Which uplink the report takes. */
  public enum Kind {
    EVENT,
    ALARM
  }
}
