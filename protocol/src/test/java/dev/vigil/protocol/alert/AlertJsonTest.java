package dev.vigil.protocol.alert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> FIELDS =
      List.of(
          "version",
          "alertId",
          "type",
          "severity",
          "state",
          "vehicleId",
          "deviceId",
          "tripId",
          "raisedAt",
          "receivedAt",
          "late",
          "position",
          "evidence",
          "details",
          "count",
          "lastRaisedAt",
          "updatedAt",
          "escalationLevel",
          "acknowledgedBy",
          "resolvedBy",
          "resolution");
  private static final List<String> PROGRESS_FIELDS = FIELDS.subList(14, FIELDS.size());
  private static final List<String> POSITION_FIELDS =
      List.of("lat", "lon", "speedMps", "headingDeg", "fixTime");

  static ControlAlert sample() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("limitKph", 80);
    details.put("peakKph", 112.5);
    details.put("zones", List.of("school", Map.of("id", "z-9")));
    details.put("note", null);
    return new ControlAlert(
        "al-1",
        AlertType.SPEEDING,
        Severity.MINOR,
        AlertState.ESCALATED,
        "CA-1",
        "vg-1",
        null,
        Instant.parse("2026-11-22T10:15:30.123Z"),
        Instant.parse("2026-11-22T10:20:00Z"),
        true,
        new AlertPosition(51.5, -0.125, 31.25, null, Instant.parse("2026-11-22T10:15:29.999999Z")),
        List.of(),
        details);
  }

  @Test
  void aWrittenAlertReadsBackEqual() {
    ControlAlert alert = sample();
    ControlAlert back = AlertJson.read(AlertJson.write(alert));
    ControlAlert expected =
        new ControlAlert(
            alert.alertId(),
            alert.type(),
            alert.severity(),
            alert.state(),
            alert.vehicleId(),
            alert.deviceId(),
            alert.tripId(),
            alert.raisedAt(),
            alert.receivedAt(),
            alert.late(),
            new AlertPosition(51.5, -0.125, 31.25, null, Instant.parse("2026-11-22T10:15:29.999Z")),
            alert.evidence(),
            alert.details());
    assertEquals(expected, back);
  }

  @Test
  void writesVersionFirstThenTheContractFieldsInOrder() throws IOException {
    JsonNode tree = MAPPER.readTree(AlertJson.write(sample()));
    assertEquals(FIELDS, names(tree));
    assertEquals(POSITION_FIELDS, names(tree.get("position")));
    assertEquals(1, tree.get("version").intValue());
  }

  @Test
  void writesInstantsAsUtcWithMillisecondsAndAbsentValuesAsNull() throws IOException {
    JsonNode tree = MAPPER.readTree(AlertJson.write(sample()));
    assertEquals("2026-11-22T10:15:30.123Z", tree.get("raisedAt").textValue());
    assertEquals("2026-11-22T10:20:00.000Z", tree.get("receivedAt").textValue());
    assertEquals("2026-11-22T10:15:29.999Z", tree.get("position").get("fixTime").textValue());
    assertTrue(tree.get("tripId").isNull());
    assertTrue(tree.get("position").get("headingDeg").isNull());
    assertTrue(tree.get("details").get("note").isNull());
  }

  @Test
  void aMissingPositionIsWrittenAsNull() throws IOException {
    ControlAlert noFix = withPosition(sample(), null);
    JsonNode tree = MAPPER.readTree(AlertJson.write(noFix));
    assertTrue(tree.get("position").isNull());
    assertNull(AlertJson.read(AlertJson.write(noFix)).position());
  }

  @Test
  void theGoldenSampleReadsAndWritesBackToTheSameTree() throws IOException {
    byte[] golden = golden();
    JsonNode expected = MAPPER.readTree(golden);
    ControlAlert alert = AlertJson.read(golden);
    assertEquals(AlertType.PANIC, alert.type());
    assertEquals(Severity.CRITICAL, alert.severity());
    assertEquals(Instant.parse("2026-11-22T10:15:30.123Z"), alert.raisedAt());
    JsonNode written = MAPPER.readTree(AlertJson.write(alert));
    assertEquals(expected, written);
    assertEquals(FIELDS, names(expected));
    assertEquals(FIELDS, names(written));
    assertEquals(POSITION_FIELDS, names(expected.get("position")));
  }

  @Test
  void unknownFieldsAreIgnored() throws IOException {
    ObjectNode tree = (ObjectNode) MAPPER.readTree(golden());
    tree.put("priorityHint", 3);
    ((ObjectNode) tree.get("position")).put("altitudeM", 12.0);
    assertEquals(AlertJson.read(golden()), AlertJson.read(MAPPER.writeValueAsBytes(tree)));
  }

  @Test
  void detailsAndEvidenceAreImmutableCopies() {
    List<String> evidence = new ArrayList<>(List.of("m1"));
    Map<String, Object> details = new LinkedHashMap<>(Map.of("k", new ArrayList<>(List.of(1))));
    ControlAlert alert = withLists(sample(), evidence, details);
    evidence.add("m2");
    details.put("other", 2);
    assertEquals(List.of("m1"), alert.evidence());
    assertEquals(Map.of("k", List.of(1)), alert.details());
    assertThrows(UnsupportedOperationException.class, () -> alert.evidence().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> alert.details().put("x", 1));
    @SuppressWarnings("unchecked")
    List<Object> inner = (List<Object>) alert.details().get("k");
    assertThrows(UnsupportedOperationException.class, () -> inner.add(2));
  }

  @Test
  void detailsThatHaveNoJsonFormAreRefused() {
    Map<String, Object> details = Map.of("when", Instant.EPOCH);
    assertThrows(IllegalArgumentException.class, () -> withLists(sample(), List.of(), details));
    assertThrows(
        IllegalArgumentException.class,
        () -> withLists(sample(), List.of(), Map.of("x", Double.NaN)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not JSON | {\"version\":1, | malformed",
        "empty input | '' | empty",
        "an array | [1] | must be an object",
        "trailing garbage | '{\"version\":1} {}' | malformed",
        "another version | '{\"version\":2}' | version 2",
        "no version | '{\"alertId\":\"a\"}' | 'version'",
      })
  void brokenDocumentsAreRefusedNamingTheProblem(String what, String json, String expected) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AlertJson.read(json.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "alertId | null",
        "alertId | 7",
        "type | '\"METEOR\"'",
        "severity | '\"critical\"'",
        "state | '\"CLOSED\"'",
        "vehicleId | '[]'",
        "deviceId | null",
        "tripId | 42",
        "raisedAt | '\"yesterday\"'",
        "receivedAt | 1700000000000",
        "late | '\"no\"'",
        "position | '\"here\"'",
        "evidence | '{}'",
        "evidence | '[1]'",
        "details | '[]'",
        "details | null",
        "count | 0",
        "count | '\"2\"'",
        "updatedAt | '\"soon\"'",
        "lastRaisedAt | 5",
        "escalationLevel | -1",
        "escalationLevel | 1.5",
        "acknowledgedBy | 7",
        "resolvedBy | '[]'",
        "resolution | false",
      })
  void aBadFieldIsRefusedByName(String field, String value) throws IOException {
    ObjectNode tree = (ObjectNode) MAPPER.readTree(golden());
    tree.set(field, MAPPER.readTree(value));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AlertJson.read(MAPPER.writeValueAsBytes(tree)));
    assertTrue(e.getMessage().contains("'" + field), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "lat | 91 | position",
        "lon | '\"east\"' | position.lon",
        "speedMps | -1 | position",
        "fixTime | null | position.fixTime",
        "headingDeg | '\"north\"' | position.headingDeg"
      })
  void aBadPositionFieldIsRefused(String field, String value, String named) throws IOException {
    ObjectNode tree = (ObjectNode) MAPPER.readTree(golden());
    ((ObjectNode) tree.get("position")).set(field, MAPPER.readTree(value));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AlertJson.read(MAPPER.writeValueAsBytes(tree)));
    assertTrue(e.getMessage().contains("'" + named), e.getMessage());
  }

  @Test
  void aMissingRequiredFieldIsRefusedByName() throws IOException {
    for (String field : FIELDS) {
      if (field.equals("tripId") || field.equals("position") || PROGRESS_FIELDS.contains(field)) {
        continue;
      }
      ObjectNode tree = (ObjectNode) MAPPER.readTree(golden());
      tree.remove(field);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> AlertJson.read(MAPPER.writeValueAsBytes(tree)),
              field);
      assertTrue(e.getMessage().contains("'" + field + "'"), e.getMessage());
    }
  }

  @Test
  void aDocumentWrittenBeforeTheProgressFieldsReadsAsANewlyRaisedAlert() throws IOException {
    ObjectNode tree = (ObjectNode) MAPPER.readTree(golden());
    PROGRESS_FIELDS.forEach(tree::remove);
    ControlAlert alert = AlertJson.read(MAPPER.writeValueAsBytes(tree));
    assertEquals(
        AlertProgress.first(
            Instant.parse("2026-11-22T10:15:30.123Z"), Instant.parse("2026-11-22T10:15:30.412Z")),
        alert.progress());
  }

  @Test
  void theGoldenSampleCarriesItsProgress() throws IOException {
    AlertProgress progress = AlertJson.read(golden()).progress();
    assertEquals(
        new AlertProgress(
            2,
            Instant.parse("2026-11-22T10:16:02.530Z"),
            Instant.parse("2026-11-22T10:16:31.002Z"),
            1,
            "op-anna",
            null,
            null),
        progress);
  }

  @Test
  void duplicateFieldsAreRefused() {
    byte[] json = "{\"version\":1,\"version\":1}".getBytes(StandardCharsets.UTF_8);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AlertJson.read(json));
    assertTrue(e.getMessage().contains("Duplicate field 'version'"), e.getMessage());
  }

  @Test
  void writingIsByteStable() {
    assertArrayEquals(AlertJson.write(sample()), AlertJson.write(sample()));
  }

  static byte[] golden() throws IOException {
    try (InputStream in = AlertJsonTest.class.getResourceAsStream("/golden/alert-v1.json")) {
      assertTrue(in != null, "golden/alert-v1.json is on the test classpath");
      return in.readAllBytes();
    }
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static ControlAlert withPosition(ControlAlert a, AlertPosition position) {
    return new ControlAlert(
        a.alertId(),
        a.type(),
        a.severity(),
        a.state(),
        a.vehicleId(),
        a.deviceId(),
        a.tripId(),
        a.raisedAt(),
        a.receivedAt(),
        a.late(),
        position,
        a.evidence(),
        a.details());
  }

  private static ControlAlert withLists(
      ControlAlert a, List<String> evidence, Map<String, Object> details) {
    return new ControlAlert(
        a.alertId(),
        a.type(),
        a.severity(),
        a.state(),
        a.vehicleId(),
        a.deviceId(),
        a.tripId(),
        a.raisedAt(),
        a.receivedAt(),
        a.late(),
        a.position(),
        evidence,
        details);
  }
}
