package dev.vigil.device.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.protocol.pb.Health;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class HealthReporterTest {
  private final List<Health> sent = new ArrayList<>();
  private final HealthReporter reporter =
      new HealthReporter(
          new HealthReporter.Sources() {
            @Override
            public boolean gnssOk() {
              return true;
            }

            @Override
            public boolean ignitionOn() {
              return true;
            }

            @Override
            public long outboxRecords() {
              return 7;
            }
          },
          sent::add,
          Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));

  @Test
  void aFaultIsReportedOnceNotOnEveryRepeat() {
    reporter.fault("button", "held closed");
    reporter.fault("button", "held closed");
    reporter.fault("button", "held closed");

    assertEquals(1, sent.size());
    Health health = sent.get(0);
    assertEquals(Map.of("button", "held closed"), health.getFaultsMap());
    assertTrue(health.getIgnitionOn());
    assertTrue(health.getGnssOk());
    assertEquals(7, health.getOutboxRecords());
    assertEquals(Instant.parse("2026-11-23T10:00:00Z").toEpochMilli(), health.getAtMs());
  }

  @Test
  void aClearedFaultIsReportedGoneAndClearingNothingSendsNothing() {
    reporter.clear("button");
    assertEquals(0, sent.size());
    reporter.fault("button", "held closed");
    reporter.clear("button");
    assertEquals(2, sent.size());
    assertEquals(Map.of(), sent.get(1).getFaultsMap());
  }
}
