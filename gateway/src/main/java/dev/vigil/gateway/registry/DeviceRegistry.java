package dev.vigil.gateway.registry;

import dev.vigil.gateway.store.Database;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.envelope.KeyPairs;
import java.math.BigInteger;
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

/**
 * The devices the gateway accepts messages from: identity, vehicle, public key, and the
 * certificates the fleet CA issued them.
 */
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

  /** Whether a client certificate may connect: the broker asks at every connection. */
  public enum Admission {
    ADMITTED,
    UNKNOWN_DEVICE,
    REVOKED_DEVICE,
    /** Not a certificate this gateway issued to that device (or one since superseded). */
    UNKNOWN_CERTIFICATE,
    REVOKED_CERTIFICATE
  }

  /**
   * Records a certificate issued to a device and revokes the device's earlier ones, so that a box
   * that enrols again leaves no second valid certificate behind.
   */
  public void recordCertificate(String deviceId, BigInteger serial, Instant notAfter, Instant now)
      throws SQLException {
    try (Connection connection = database.connect()) {
      connection.setAutoCommit(false);
      try (PreparedStatement supersede =
              connection.prepareStatement(
                  "UPDATE certificates SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL");
          PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO certificates (serial, device_id, issued_at, not_after)"
                      + " VALUES (?, ?, ?, ?)")) {
        supersede.setObject(1, now.atOffset(ZoneOffset.UTC));
        supersede.setString(2, deviceId);
        supersede.executeUpdate();
        insert.setString(1, serial.toString(16));
        insert.setString(2, deviceId);
        insert.setObject(3, now.atOffset(ZoneOffset.UTC));
        insert.setObject(4, notAfter.atOffset(ZoneOffset.UTC));
        insert.executeUpdate();
        connection.commit();
      }
    }
  }

  /** Revokes a device and all its certificates; false when no such device is registered. */
  public boolean revoke(String deviceId, Instant now) throws SQLException {
    try (Connection connection = database.connect()) {
      connection.setAutoCommit(false);
      try (PreparedStatement device =
              connection.prepareStatement(
                  "UPDATE devices SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL");
          PreparedStatement certificates =
              connection.prepareStatement(
                  "UPDATE certificates SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL")) {
        device.setObject(1, now.atOffset(ZoneOffset.UTC));
        device.setString(2, deviceId);
        int devices = device.executeUpdate();
        certificates.setObject(1, now.atOffset(ZoneOffset.UTC));
        certificates.setString(2, deviceId);
        certificates.executeUpdate();
        connection.commit();
        return devices == 1 || find(deviceId).map(Device::revoked).orElse(false);
      }
    }
  }

  /** Serials of every revoked certificate: the content of the CRL. */
  public List<BigInteger> revokedSerials() throws SQLException {
    List<BigInteger> serials = new ArrayList<>();
    try (Connection connection = database.connect();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT serial FROM certificates WHERE revoked_at IS NOT NULL ORDER BY serial");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        serials.add(new BigInteger(rows.getString(1), 16));
      }
    }
    return serials;
  }

  /** Devices revoked at or after {@code since}, for a gateway that must act on revocations. */
  public List<String> revokedSince(Instant since) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection connection = database.connect();
        PreparedStatement query =
            connection.prepareStatement("SELECT device_id FROM devices WHERE revoked_at >= ?")) {
      query.setObject(1, since.atOffset(ZoneOffset.UTC));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    return ids;
  }

  /** Whether the certificate {@code serial} presented by {@code deviceId} may connect now. */
  public Admission admission(String deviceId, BigInteger serial) throws SQLException {
    Optional<Device> device = find(deviceId);
    if (device.isEmpty()) {
      return Admission.UNKNOWN_DEVICE;
    }
    if (device.get().revoked()) {
      return Admission.REVOKED_DEVICE;
    }
    try (Connection connection = database.connect();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT revoked_at FROM certificates WHERE serial = ? AND device_id = ?")) {
      query.setString(1, serial.toString(16));
      query.setString(2, deviceId);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return Admission.UNKNOWN_CERTIFICATE;
        }
        return rows.getObject(1) == null ? Admission.ADMITTED : Admission.REVOKED_CERTIFICATE;
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
