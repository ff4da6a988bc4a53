package dev.vigil.device.gps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Turns gpsd's JSON reports (one object a line, gpsd_json(5)) into fixes. A {@code TPV} report with
 * {@code mode} 2 or 3 and a time, latitude and longitude is a fix: {@code speed} is m/s, {@code
 * track} degrees from true north, {@code altMSL} (or the older {@code alt}) metres. gpsd sends
 * several TPVs per epoch as more sentences arrive; only the first of each time is kept (the later
 * ones add altitude and error estimates, not position). {@code SKY} reports give the satellites
 * used and HDOP for the fixes that follow. Other classes are ignored; unreadable lines and
 * incomplete fixes are counted by reason. Pure: no socket here.
 */
public final class GpsdReports {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, Integer> rejected = new TreeMap<>();
  private Instant lastTime;
  private int satellites = -1;
  private OptionalDouble hdop = OptionalDouble.empty();

  /** The fix in one line of gpsd output, if it holds a new one. */
  public Optional<GnssFix> feed(String line) {
    JsonNode report;
    try {
      report = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return reject("not JSON");
    }
    if (report == null || !report.isObject()) {
      return reject("not a JSON object");
    }
    return switch (report.path("class").asText()) {
      case "TPV" -> position(report);
      case "SKY" -> {
        sky(report);
        yield Optional.empty();
      }
      default -> Optional.empty();
    };
  }

  private void sky(JsonNode sky) {
    if (sky.has("uSat")) {
      satellites = sky.get("uSat").asInt();
    }
    if (sky.path("hdop").isNumber()) {
      hdop = OptionalDouble.of(sky.get("hdop").asDouble());
    }
  }

  private Optional<GnssFix> position(JsonNode tpv) {
    int mode = tpv.path("mode").asInt(0);
    if (mode < 2) {
      return Optional.empty();
    }
    if (!tpv.path("time").isTextual() || !number(tpv, "lat") || !number(tpv, "lon")) {
      // gpsd reports the mode before the epoch's position sentences have arrived: not an error.
      return Optional.empty();
    }
    Instant time;
    try {
      time = Instant.parse(tpv.get("time").asText());
    } catch (DateTimeParseException e) {
      return reject("TPV with a bad time");
    }
    if (lastTime != null && !time.isAfter(lastTime)) {
      return Optional.empty();
    }
    lastTime = time;
    return Optional.of(
        new GnssFix(
            time,
            tpv.get("lat").asDouble(),
            tpv.get("lon").asDouble(),
            number(tpv, "speed") ? tpv.get("speed").asDouble() : Double.NaN,
            optional(tpv, "track"),
            number(tpv, "altMSL") ? optional(tpv, "altMSL") : optional(tpv, "alt"),
            mode == 3 ? FixMode.THREE_D : FixMode.TWO_D,
            satellites,
            hdop));
  }

  private static boolean number(JsonNode node, String field) {
    return node.path(field).isNumber();
  }

  private static OptionalDouble optional(JsonNode node, String field) {
    return number(node, field)
        ? OptionalDouble.of(node.get(field).asDouble())
        : OptionalDouble.empty();
  }

  private Optional<GnssFix> reject(String reason) {
    rejected.merge(reason, 1, Integer::sum);
    return Optional.empty();
  }

  /** Lines rejected so far, by reason. */
  public Map<String, Integer> rejected() {
    return Map.copyOf(rejected);
  }
}
