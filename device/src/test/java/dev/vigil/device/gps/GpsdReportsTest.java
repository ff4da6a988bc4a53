package dev.vigil.device.gps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class GpsdReportsTest {

  @ParameterizedTest
  @MethodSource("dev.vigil.device.gps.GpsdOracleTest#receivers")
  void readsEveryFixGpsdReported(String receiver) throws Exception {
    ObjectMapper json = new ObjectMapper();
    {
      String chk = new String(GpsdOracleTest.read(receiver + ".log.chk"), StandardCharsets.UTF_8);
      GpsdReports reports = new GpsdReports();
      List<GnssFix> fixes = new ArrayList<>();
      Map<Instant, JsonNode> expected = new LinkedHashMap<>();
      for (String line : chk.split("\n")) {
        if (!line.startsWith("{")) {
          continue; // the .chk also holds the NMEA sentences gpsd read
        }
        reports.feed(line).ifPresent(fixes::add);
        JsonNode tpv = json.readTree(line);
        if ("TPV".equals(tpv.path("class").asText())
            && tpv.path("mode").asInt() >= 2
            && tpv.has("lat")
            && tpv.has("time")) {
          expected.putIfAbsent(Instant.parse(tpv.get("time").asText()), tpv);
        }
      }
      assertEquals(expected.size(), fixes.size(), receiver + ": one fix per epoch");
      for (GnssFix fix : fixes) {
        JsonNode tpv = expected.get(fix.fixTime());
        assertEquals(tpv.get("lat").asDouble(), fix.latDeg(), 0, receiver);
        assertEquals(tpv.get("lon").asDouble(), fix.lonDeg(), 0, receiver);
        assertEquals(tpv.path("speed").asDouble(Double.NaN), fix.speedMps(), 0, receiver);
        assertEquals(tpv.get("mode").asInt() == 3 ? FixMode.THREE_D : FixMode.TWO_D, fix.mode());
      }
      assertEquals(Map.of(), reports.rejected(), receiver);
    }
  }

  @Test
  void takesSatellitesAndHdopFromTheLastSky() {
    GpsdReports reports = new GpsdReports();
    reports.feed("{\"class\":\"SKY\",\"hdop\":1.25,\"uSat\":7,\"satellites\":[]}");
    GnssFix fix =
        reports
            .feed(
                "{\"class\":\"TPV\",\"mode\":3,\"time\":\"2026-11-23T12:00:00.000Z\","
                    + "\"lat\":48.1,\"lon\":11.5,\"speed\":4.5,\"track\":90.5,\"altMSL\":520.0}")
            .orElseThrow();
    assertEquals(7, fix.satellites());
    assertEquals(1.25, fix.hdop().getAsDouble());
    assertEquals(90.5, fix.courseDeg().getAsDouble());
    assertEquals(520.0, fix.altitudeM().getAsDouble());
  }

  @Test
  void countsBadLinesAndIgnoresNoFixRepeatsAndOtherClasses() {
    GpsdReports reports = new GpsdReports();
    String fix =
        "{\"class\":\"TPV\",\"mode\":2,\"time\":\"2026-11-23T12:00:00.000Z\",\"lat\":1,\"lon\":2}";
    assertTrue(reports.feed(fix).isPresent());
    assertEquals(Optional.empty(), reports.feed(fix), "the same epoch again");
    assertEquals(Optional.empty(), reports.feed("{\"class\":\"TPV\",\"mode\":1}"));
    assertEquals(Optional.empty(), reports.feed("{\"class\":\"VERSION\",\"release\":\"3.22\"}"));
    assertEquals(Optional.empty(), reports.feed("{\"class\":\"TPV\",\"mode\":3,\"lat\":1}"));
    assertEquals(
        Optional.empty(),
        reports.feed("{\"class\":\"TPV\",\"mode\":3,\"time\":\"x\",\"lat\":1,\"lon\":2}"));
    assertEquals(Optional.empty(), reports.feed("{\"class\":\"TPV\",\"mo"));
    assertEquals(Optional.empty(), reports.feed("[1,2]"));
    assertEquals(
        Map.of(
            "TPV with a bad time", 1,
            "not JSON", 1,
            "not a JSON object", 1),
        reports.rejected());
  }
}
