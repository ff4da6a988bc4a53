package dev.vigil.gateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A media request is refused, naming the field, unless it is a short, past, audited window. */
@Timeout(5)
class MediaRequestTest {
  private static final Instant NOW = Instant.parse("2026-11-23T14:00:00Z");
  private static final Duration MAX = Duration.ofMinutes(10);

  private static MediaRequest parse(String json) {
    return MediaRequest.parse("VEH-1", json.getBytes(StandardCharsets.UTF_8), MAX, NOW);
  }

  @Test
  void aGoodRequestParsesWithOffsetsAndOptionalCameras() {
    MediaRequest request =
        parse(
            "{\"from\":\"2026-11-23T14:50:00+01:00\",\"to\":\"2026-11-23T13:55:00Z\","
                + "\"cameras\":[\"cabin\"],\"reason\":\"claim 7\",\"operator\":\"alice\"}");

    assertEquals(Instant.parse("2026-11-23T13:50:00Z"), request.from());
    assertEquals(Instant.parse("2026-11-23T13:55:00Z"), request.to());
    assertEquals(List.of("cabin"), request.cameras());
    assertEquals("alice", request.operator());
    assertEquals("claim 7", request.reason());
    MediaRequest every =
        parse(
            "{\"from\":\"2026-11-23T13:50:00Z\",\"to\":\"2026-11-23T14:00:00Z\","
                + "\"reason\":\"r\",\"operator\":\"o\"}");
    assertEquals(List.of(), every.cameras());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'not json'|body",
        "[]|body",
        "{\"to\":\"2026-11-23T13:55:00Z\",\"reason\":\"r\",\"operator\":\"o\"}|from",
        "{\"from\":\"yesterday\",\"to\":\"2026-11-23T13:55:00Z\",\"reason\":\"r\",\"operator\":\"o\"}|from",
        "{\"from\":\"2026-11-23T13:55:00\",\"to\":\"2026-11-23T13:56:00Z\",\"reason\":\"r\",\"operator\":\"o\"}|from",
        "{\"from\":\"2026-11-23T13:55:00Z\",\"to\":\"2026-11-23T13:55:00Z\",\"reason\":\"r\",\"operator\":\"o\"}|to",
        "{\"from\":\"2026-11-23T13:40:00Z\",\"to\":\"2026-11-23T13:50:01Z\",\"reason\":\"r\",\"operator\":\"o\"}|to",
        "{\"from\":\"2026-11-23T14:00:01Z\",\"to\":\"2026-11-23T14:01:00Z\",\"reason\":\"r\",\"operator\":\"o\"}|from",
        "{\"from\":\"2026-11-23T13:55:00Z\",\"to\":\"2026-11-23T13:56:00Z\",\"operator\":\"o\"}|reason",
        "{\"from\":\"2026-11-23T13:55:00Z\",\"to\":\"2026-11-23T13:56:00Z\",\"reason\":\" \",\"operator\":\"o\"}|reason",
        "{\"from\":\"2026-11-23T13:55:00Z\",\"to\":\"2026-11-23T13:56:00Z\",\"reason\":\"r\"}|operator",
        "{\"from\":\"2026-11-23T13:55:00Z\",\"to\":\"2026-11-23T13:56:00Z\",\"reason\":\"r\",\"operator\":\"o\",\"cameras\":\"cabin\"}|cameras",
        "{\"from\":\"2026-11-23T13:55:00Z\",\"to\":\"2026-11-23T13:56:00Z\",\"reason\":\"r\",\"operator\":\"o\",\"cameras\":[\"../x\"]}|cameras",
        "{\"from\":\"2026-11-23T13:55:00Z\",\"to\":\"2026-11-23T13:56:00Z\",\"reason\":\"r\",\"operator\":\"o\",\"camera\":[]}|camera",
      })
  void aBadRequestIsRefusedNamingTheField(String json, String field) {
    MediaRequest.Invalid refused = assertThrows(MediaRequest.Invalid.class, () -> parse(json));

    assertEquals(field, refused.field(), refused.getMessage());
  }
}
