package dev.vigil.gateway.trips;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Where trips are kept: one running trip per vehicle at most. */
public interface TripStore {
  /** A stored trip; {@code planJson} is the validated request as the API shows it. */
  record StoredTrip(
      String tripId,
      String vehicleId,
      Instant createdAt,
      Optional<Instant> endedAt,
      String planJson) {}

  /** Thrown by {@link #create} when the vehicle is already on a running trip. */
  final class VehicleBusy extends Exception {
    private final String runningTripId;

    public VehicleBusy(String runningTripId) {
      super("the vehicle is already on trip " + runningTripId + ": end it first");
      this.runningTripId = runningTripId;
    }

    public String runningTripId() {
      return runningTripId;
    }
  }

  void create(StoredTrip trip) throws SQLException, VehicleBusy;

  Optional<StoredTrip> find(String tripId) throws SQLException;

  /** Ends a running trip at {@code at}; an ended trip stays as it was. Empty if unknown. */
  Optional<StoredTrip> end(String tripId, Instant at) throws SQLException;

  /** The next sequence number for a sealed {@code down/trip} message, higher than all before. */
  long nextDownlinkSeq() throws SQLException;

  /**
   * Makes later sequence numbers at least {@code floor} (never lowers them). Called at start with
   * the clock in ms × 1,000, so numbering survives a database restored from an older backup: the
   * devices hold the last number they saw and refuse anything lower.
   */
  void raiseDownlinkSeq(long floor) throws SQLException;
}
