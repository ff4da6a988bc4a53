package dev.vigil.gateway.registry;

import dev.vigil.gateway.store.Database;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.envelope.KeyPairs;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The devices the gateway accepts messages from: identity, vehicle and public key. */
public final class DeviceRegistry {
  private final Database database;

  public DeviceRegistry(Database database) {
    this.database = database;
  }

  /** A registered device. Its public key is P-256; a revoked device's messages are refused. */
  public record Device(String deviceId, String vehicleId, PublicKey publicKey, boolean revoked) {}

  /**
   * Registers a device, or replaces the key and vehicle of one already registered (re-enrolment
   * after a box is replaced keeps the device id).
   */
  public void register(String deviceId, String vehicleId, String publicKeyPem, Instant now)
      throws SQLException {
    if (!Topics.isValidId(deviceId)) {
      throw new IllegalArgumentException("invalid device id: '" + deviceId + "'");
    }
    if (!Topics.isValidId(vehicleId)) {
      throw new IllegalArgumentException("invalid vehicle id: '" + vehicleId + "'");
    }
    KeyPairs.publicFromPem(publicKeyPem); // refuses a malformed key before it is stored
    try (Connection connection = database.connect()) {
      connection.setAutoCommit(false);
      try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM devices WHERE device_id = ?");
          PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO devices (device_id, vehicle_id, public_key_pem, registered_at)"
                      + " VALUES (?, ?, ?, ?)")) {
        delete.setString(1, deviceId);
        delete.executeUpdate();
        insert.setString(1, deviceId);
        insert.setString(2, vehicleId);
        insert.setString(3, publicKeyPem);
        insert.setObject(4, now.atOffset(ZoneOffset.UTC));
        insert.executeUpdate();
        connection.commit();
      }
    }
  }

  public Optional<Device> find(String deviceId) throws SQLException {
    try (Connection connection = database.connect();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT vehicle_id, public_key_pem, revoked_at FROM devices WHERE device_id = ?")) {
      query.setString(1, deviceId);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Device(
                deviceId,
                rows.getString(1),
                KeyPairs.publicFromPem(rows.getString(2)),
                rows.getObject(3) != null));
      }
    }
  }

  /** The devices fitted in a vehicle that are not revoked (usually one). */
  public List<Device> devicesOf(String vehicleId) throws SQLException {
    List<Device> devices = new ArrayList<>();
    try (Connection connection = database.connect();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT device_id, public_key_pem FROM devices"
                    + " WHERE vehicle_id = ? AND revoked_at IS NULL ORDER BY device_id")) {
      query.setString(1, vehicleId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          devices.add(
              new Device(
                  rows.getString(1), vehicleId, KeyPairs.publicFromPem(rows.getString(2)), false));
        }
      }
    }
    return devices;
  }
}
