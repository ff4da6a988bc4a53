package dev.vigil.gateway.media;

import dev.vigil.gateway.alerts.AlertFactory;
import dev.vigil.gateway.store.Database;
import dev.vigil.protocol.pb.MediaItem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The media tables (migration "media"): manifests, items, chunks waiting for completion, and the
 * audit log. One short connection per call: media traffic is light next to telemetry.
 */
public final class MediaRepository {
  /** A stored item: what the manifest said, and whether the verified file is in the store. */
  public record Item(
      String mediaId,
      String deviceId,
      String alarmId,
      String alertId,
      int kind,
      String source,
      long startMs,
      int durationMs,
      String plaintextSha256,
      long sealedBytes,
      boolean stored,
      boolean legalHold) {}

  /** One audit row. */
  public record Audit(Instant at, String operator, String action, String what, String reason) {}

  private final Database database;

  public MediaRepository(Database database) {
    this.database = database;
  }

  /** Stores a manifest once (by the hash of its bytes); true when it was new. */
  public boolean saveManifest(
      String sha256, String deviceId, String alarmId, byte[] signed, boolean ok, Instant at)
      throws SQLException {
    return update(
            "INSERT INTO media_manifests VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            sha256,
            deviceId,
            alarmId,
            AlertFactory.alertId(deviceId, alarmId),
            signed,
            ok,
            Timestamp.from(at))
        == 1;
  }

  /** The signed manifests of an alert, as received (serialized SignedManifest). */
  public List<byte[]> manifests(String alertId) throws SQLException {
    List<byte[]> out = new ArrayList<>();
    try (Connection c = database.connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT signed_manifest FROM media_manifests WHERE alert_id = ? ORDER BY received_at")) {
      s.setString(1, alertId);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          out.add(rows.getBytes(1));
        }
      }
    }
    return out;
  }

  public void saveItem(String deviceId, String alarmId, MediaItem item, Instant at)
      throws SQLException {
    update(
        "INSERT INTO media_items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, FALSE)"
            + " ON CONFLICT DO NOTHING",
        item.getMediaId(),
        deviceId,
        alarmId,
        AlertFactory.alertId(deviceId, alarmId),
        item.getKindValue(),
        item.getSource(),
        item.getStartMs(),
        item.getDurationMs(),
        HexFormat.of().formatHex(item.getPlaintextSha256().toByteArray()),
        item.getSealedBytes(),
        Timestamp.from(at));
  }

  public Optional<Item> item(String mediaId) throws SQLException {
    List<Item> found = items("media_id = ?", mediaId);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  public List<Item> itemsOfAlert(String alertId) throws SQLException {
    return items("alert_id = ? ORDER BY source, start_ms", alertId);
  }

  /** The oldest {@code limit} items received before {@code cutoff} and not held for an incident. */
  public List<Item> expired(Instant cutoff, int limit) throws SQLException {
    return items(
        "received_at < ? AND legal_hold = FALSE ORDER BY received_at LIMIT ?",
        Timestamp.from(cutoff),
        limit);
  }

  /** Stores a chunk once; false when that chunk was already here (a resend). */
  public boolean putChunk(String mediaId, long offset, byte[] data) throws SQLException {
    return update(
            "INSERT INTO media_chunks VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            mediaId,
            offset,
            data)
        == 1;
  }

  /** The chunks of a file as (offset, bytes), by offset. */
  public List<Chunk> chunks(String mediaId) throws SQLException {
    List<Chunk> out = new ArrayList<>();
    try (Connection c = database.connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT offset_bytes, data FROM media_chunks WHERE media_id = ? ORDER BY offset_bytes")) {
      s.setString(1, mediaId);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          out.add(new Chunk(rows.getLong(1), rows.getBytes(2)));
        }
      }
    }
    return out;
  }

  /** One stored chunk. */
  public record Chunk(long offset, byte[] data) {}

  public void markStored(String mediaId, Instant at) throws SQLException {
    update("UPDATE media_items SET stored_at = ? WHERE media_id = ?", Timestamp.from(at), mediaId);
    update("DELETE FROM media_chunks WHERE media_id = ?", mediaId);
  }

  /** Legal hold on every item of an alert (attached to an incident); returns how many. */
  public int hold(String alertId) throws SQLException {
    return update("UPDATE media_items SET legal_hold = TRUE WHERE alert_id = ?", alertId);
  }

  public void deleteChunks(String mediaId) throws SQLException {
    update("DELETE FROM media_chunks WHERE media_id = ?", mediaId);
  }

  /** Deletes an item's row and chunks (its file is deleted by the store). */
  public void delete(String mediaId) throws SQLException {
    update("DELETE FROM media_chunks WHERE media_id = ?", mediaId);
    update("DELETE FROM media_items WHERE media_id = ?", mediaId);
  }

  public void audit(Instant at, String operator, String action, String what, String reason)
      throws SQLException {
    update(
        "INSERT INTO media_audit VALUES (?, ?, ?, ?, ?, ?)",
        UUID.randomUUID().toString(),
        Timestamp.from(at),
        operator,
        action,
        what,
        reason);
  }

  public List<Audit> audits(String what) throws SQLException {
    List<Audit> out = new ArrayList<>();
    try (Connection c = database.connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT at_time, operator, action, what, reason FROM media_audit WHERE what = ?"
                    + " ORDER BY at_time")) {
      s.setString(1, what);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          out.add(
              new Audit(
                  rows.getTimestamp(1).toInstant(),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5)));
        }
      }
    }
    return out;
  }

  private List<Item> items(String where, Object... args) throws SQLException {
    List<Item> out = new ArrayList<>();
    try (Connection c = database.connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT media_id, device_id, alarm_id, alert_id, kind, source, start_ms, duration_ms,"
                    + " plaintext_sha256, sealed_bytes, stored_at, legal_hold FROM media_items WHERE "
                    + where)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(
              new Item(
                  r.getString(1),
                  r.getString(2),
                  r.getString(3),
                  r.getString(4),
                  r.getInt(5),
                  r.getString(6),
                  r.getLong(7),
                  r.getInt(8),
                  r.getString(9),
                  r.getLong(10),
                  r.getTimestamp(11) != null,
                  r.getBoolean(12)));
        }
      }
    }
    return out;
  }

  private int update(String sql, Object... args) throws SQLException {
    try (Connection c = database.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      return s.executeUpdate();
    }
  }
}
