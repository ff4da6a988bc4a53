package dev.vigil.gateway.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The comparison at the end of a crash run: what the agent had confirmed as durable (its witness
 * journal) against what the gateway stored.
 *
 * <ul>
 *   <li>accepted: distinct sequence numbers in the witness journal;
 *   <li>stored: rows for the device in the uplink tables ({@link #TABLES});
 *   <li>lost: accepted numbers with no stored row;
 *   <li>duplicates: stored rows that repeat a record already stored under another number (the same
 *       position fix time, or the same alarm id). {@code (device_id, seq)} is a primary key, so a
 *       duplicate can only come from a record sealed twice, e.g. after a restart.
 * </ul>
 */
record Tally(long accepted, long acceptedAlarms, long stored, long lost, long duplicates) {
  /** Every table an uplink record is stored in, keyed by (device_id, seq). */
  static final List<String> TABLES = List.of("positions", "alarms", "events", "health_reports");

  /** Distinct sequence numbers in a witness journal; a torn last line would be ignored. */
  static Set<Long> accepted(Path witness, Set<Long> alarms) throws IOException {
    Set<Long> seqs = new HashSet<>();
    if (!Files.exists(witness)) {
      return seqs;
    }
    List<String> lines = Files.readAllLines(witness, StandardCharsets.US_ASCII);
    for (String line : lines) {
      String[] parts = line.split(" ");
      if (parts.length != 2) {
        continue; // a line cut by the kill; it was never a complete promise
      }
      long seq = Long.parseLong(parts[0]);
      seqs.add(seq);
      if (parts[1].equals("PANIC") || parts[1].equals("ALARM")) {
        alarms.add(seq);
      }
    }
    return seqs;
  }

  static Set<Long> storedSeqs(Connection db, String deviceId) throws SQLException {
    Set<Long> seqs = new HashSet<>();
    for (String table : TABLES) {
      try (PreparedStatement query =
          db.prepareStatement("SELECT seq FROM " + table + " WHERE device_id = ?")) {
        query.setString(1, deviceId);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            seqs.add(rows.getLong(1));
          }
        }
      }
    }
    return seqs;
  }

  static Tally of(Path witness, Connection db, String deviceId) throws IOException, SQLException {
    Set<Long> alarms = new HashSet<>();
    Set<Long> accepted = accepted(witness, alarms);
    Set<Long> stored = storedSeqs(db, deviceId);
    long lost = accepted.stream().filter(seq -> !stored.contains(seq)).count();
    long rows = 0;
    for (String table : TABLES) {
      rows += count(db, "SELECT COUNT(*) FROM " + table + " WHERE device_id = ?", deviceId);
    }
    long duplicates =
        count(
                db,
                "SELECT COUNT(*) - COUNT(DISTINCT fix_time) FROM positions WHERE device_id = ?",
                deviceId)
            + count(
                db,
                "SELECT COUNT(*) - COUNT(DISTINCT alarm_id) FROM alarms WHERE device_id = ?",
                deviceId);
    return new Tally(accepted.size(), alarms.size(), rows, lost, duplicates);
  }

  private static long count(Connection db, String sql, String deviceId) throws SQLException {
    try (PreparedStatement query = db.prepareStatement(sql)) {
      query.setString(1, deviceId);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  String line(int cycles) {
    return "cycles=%d accepted=%d stored=%d lost=%d duplicates=%d"
        .formatted(cycles, accepted, stored, lost, duplicates);
  }
}
