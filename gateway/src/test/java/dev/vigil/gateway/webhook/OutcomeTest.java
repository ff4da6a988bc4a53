package dev.vigil.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(5)
class OutcomeTest {
  @ParameterizedTest
  @CsvSource({
    "200, DELIVERED",
    "201, DELIVERED",
    "202, DELIVERED",
    "204, DELIVERED",
    "299, DELIVERED",
    "500, RETRY",
    "502, RETRY",
    "503, RETRY",
    "504, RETRY",
    "599, RETRY",
    "408, RETRY",
    "429, RETRY",
    "400, REJECTED",
    "401, REJECTED",
    "403, REJECTED",
    "404, REJECTED",
    "410, REJECTED",
    "413, REJECTED",
    "422, REJECTED",
    "301, REJECTED",
    "302, REJECTED",
    "307, REJECTED",
    "100, REJECTED",
  })
  void statusesAreClassified(int status, Outcome expected) {
    assertEquals(expected, Outcome.of(status));
  }
}
