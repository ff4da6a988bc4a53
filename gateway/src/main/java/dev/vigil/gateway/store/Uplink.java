package dev.vigil.gateway.store;

import dev.vigil.protocol.pb.Alarm;
import dev.vigil.protocol.pb.Event;
import dev.vigil.protocol.pb.Health;
import dev.vigil.protocol.pb.MediaUp;
import dev.vigil.protocol.pb.Position;
import java.time.Instant;

/** One authenticated, decoded uplink message, ready to store. */
public sealed interface Uplink {
  Origin origin();

  /** Who sent it and when it arrived: {@code (deviceId, seq)} is unique for ever. */
  record Origin(String deviceId, String vehicleId, long seq, Instant receivedAt) {}

  record PositionReport(Origin origin, Position position) implements Uplink {}

  record AlarmReport(Origin origin, Alarm alarm) implements Uplink {}

  record EventReport(Origin origin, Event event) implements Uplink {}

  record HealthReport(Origin origin, Health health) implements Uplink {}

  /** Evidence: a signed manifest or a chunk of a sealed file; kept by the media store. */
  record MediaReport(Origin origin, MediaUp media) implements Uplink {}
}
