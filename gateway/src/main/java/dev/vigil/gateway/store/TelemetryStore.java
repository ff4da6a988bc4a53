package dev.vigil.gateway.store;

import dev.vigil.protocol.alert.ControlAlert;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What the gateway keeps. Every write is idempotent on {@code (deviceId, seq)}: storing the same
 * uplink twice stores it once, which is what makes redelivery and replay harmless.
 */
public interface TelemetryStore {
  /**
   * Stores positions, events and health reports in one transaction.
   *
   * @return how many of them were new (the rest were already stored)
   */
  int storeBatch(List<Uplink> uplinks) throws SQLException;

  /**
   * Stores an alarm and the alert raised for it in one small transaction of its own.
   *
   * @return true when the alert is new; false when this alarm was stored before
   */
  boolean storeAlarm(Uplink.AlarmReport alarm, ControlAlert alert) throws SQLException;

  /** Newest first. */
  List<ControlAlert> recentAlerts(int limit) throws SQLException;

  /** Oldest first, by fix time, {@code from} inclusive and {@code to} exclusive. */
  List<StoredPosition> positions(String vehicleId, Instant from, Instant to, int limit)
      throws SQLException;

  /** A stored position as the API shows it. */
  record StoredPosition(
      String deviceId,
      long seq,
      Instant fixTime,
      Instant receivedAt,
      double latDeg,
      double lonDeg,
      double speedMps,
      Double headingDeg,
      int fixMode) {}
}
