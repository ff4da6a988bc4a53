package dev.vigil.gateway.trips;

import dev.vigil.gateway.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Trips in the gateway's database (tables {@code trips} and {@code vehicle_trips}, V003). */
public final class JdbcTripStore implements TripStore {
  /** SQLSTATE of a unique-key violation, on H2 and PostgreSQL alike. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final Database database;

  public JdbcTripStore(Database database) {
    this.database = database;
  }

  @Override
  public void create(StoredTrip trip) throws SQLException, VehicleBusy {
    try (Connection connection = database.connect()) {
      connection.setAutoCommit(false);
      try {
        claimVehicle(connection, trip);
        insert(connection, trip);
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw new VehicleBusy(runningTrip(connection, trip.vehicleId()).orElse("(just ended)"));
        }
        throw e;
      }
    }
  }

  private static void claimVehicle(Connection connection, StoredTrip trip) throws SQLException {
    try (PreparedStatement claim =
        connection.prepareStatement(
            "INSERT INTO vehicle_trips (vehicle_id, trip_id) VALUES (?, ?)")) {
      claim.setString(1, trip.vehicleId());
      claim.setString(2, trip.tripId());
      claim.executeUpdate();
    }
  }

  private static void insert(Connection connection, StoredTrip trip) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO trips (trip_id, vehicle_id, created_at, ended_at, plan_json)"
                + " VALUES (?, ?, ?, NULL, ?)")) {
      insert.setString(1, trip.tripId());
      insert.setString(2, trip.vehicleId());
      insert.setObject(3, utc(trip.createdAt()));
      insert.setString(4, trip.planJson());
      insert.executeUpdate();
    }
  }

  private static Optional<String> runningTrip(Connection connection, String vehicleId)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT trip_id FROM vehicle_trips WHERE vehicle_id = ?")) {
      query.setString(1, vehicleId);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  @Override
  public Optional<StoredTrip> find(String tripId) throws SQLException {
    try (Connection connection = database.connect()) {
      return find(connection, tripId, "");
    }
  }

  @Override
  public Optional<StoredTrip> end(String tripId, Instant at) throws SQLException {
    try (Connection connection = database.connect()) {
      connection.setAutoCommit(false);
      Optional<StoredTrip> trip = find(connection, tripId, " FOR UPDATE");
      if (trip.isPresent() && trip.get().endedAt().isEmpty()) {
        update(connection, "UPDATE trips SET ended_at = ? WHERE trip_id = ?", utc(at), tripId);
        update(connection, "DELETE FROM vehicle_trips WHERE trip_id = ?", tripId);
        trip = find(connection, tripId, "");
      }
      connection.commit();
      return trip;
    }
  }

  @Override
  public long nextDownlinkSeq() throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT nextval('trip_downlink_seq')")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Override
  public void raiseDownlinkSeq(long floor) throws SQLException {
    if (nextDownlinkSeq() < floor) {
      try (Connection connection = database.connect();
          Statement statement = connection.createStatement()) {
        // DDL takes no bind parameters; floor is a long, so the text is a plain number.
        statement.execute("ALTER SEQUENCE trip_downlink_seq RESTART WITH " + floor);
      }
    }
  }

  private static Optional<StoredTrip> find(Connection connection, String tripId, String lock)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT vehicle_id, created_at, ended_at, plan_json FROM trips WHERE trip_id = ?"
                + lock)) {
      query.setString(1, tripId);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        OffsetDateTime ended = rows.getObject(3, OffsetDateTime.class);
        return Optional.of(
            new StoredTrip(
                tripId,
                rows.getString(1),
                rows.getObject(2, OffsetDateTime.class).toInstant(),
                Optional.ofNullable(ended).map(OffsetDateTime::toInstant),
                rows.getString(4)));
      }
    }
  }

  private static void update(Connection connection, String sql, Object... values)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      statement.executeUpdate();
    }
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
