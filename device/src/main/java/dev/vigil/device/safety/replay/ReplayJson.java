package dev.vigil.device.safety.replay;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.DriverWarning;
import dev.vigil.device.safety.Report;
import dev.vigil.protocol.alert.AlertType;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One JSON line per output of the replay tool: {@code {"time":"…Z","kind":"warning"|"event"|
 * "alarm","type":"HARSH_BRAKING","severity":"…","lat":…,"lon":…,"speedMps":…,"tripId":"…",
 * "details":{…}}}. Severity: an alarm's is the control room's for its type (AlertType), an event is
 * MINOR, a warning WARNING (CRITICAL for a severe one). {@code lat}/{@code lon}/{@code speedMps}
 * are the last fix, omitted before the first.
 */
final class ReplayJson {
  private ReplayJson() {}

  static String warning(DriverWarning w, Optional<GnssFix> fix, String tripId) {
    String severity = w.severe() ? "CRITICAL" : "WARNING";
    return line(w.at(), "warning", w.hazard().name(), severity, fix, tripId, w.details());
  }

  static String report(Report r) {
    boolean alarm = r.kind() == Report.Kind.ALARM;
    String severity =
        alarm
            ? AlertType.fromAlarm(r.hazard().alarmType().orElseThrow()).defaultSeverity().name()
            : "MINOR";
    String kind = alarm ? "alarm" : "event";
    return line(r.at(), kind, r.hazard().name(), severity, r.position(), r.tripId(), r.details());
  }

  private static String line(
      Instant at,
      String kind,
      String type,
      String severity,
      Optional<GnssFix> fix,
      String tripId,
      Map<String, String> details) {
    StringBuilder json = new StringBuilder(200);
    json.append("{\"time\":\"").append(at).append("\",\"kind\":\"").append(kind);
    json.append("\",\"type\":\"").append(type).append("\",\"severity\":\"").append(severity);
    json.append('"');
    fix.ifPresent(
        f -> {
          json.append(
              String.format(Locale.ROOT, ",\"lat\":%.6f,\"lon\":%.6f", f.latDeg(), f.lonDeg()));
          if (Double.isFinite(f.speedMps())) {
            json.append(String.format(Locale.ROOT, ",\"speedMps\":%.2f", f.speedMps()));
          }
        });
    json.append(",\"tripId\":").append(string(tripId)).append(",\"details\":{");
    String separator = "";
    for (Map.Entry<String, String> e : new TreeMap<>(details).entrySet()) {
      json.append(separator).append(string(e.getKey())).append(':').append(string(e.getValue()));
      separator = ",";
    }
    return json.append("}}").toString();
  }

  static String string(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
