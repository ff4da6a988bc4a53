package dev.vigil.gateway.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.gateway.sweep.JobRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class CutoffsTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void theCutoffIsNowLessTheRetentionAndZeroKeepsForEver() {
    assertEquals(
        Optional.of(Instant.parse("2026-08-25T12:00:00Z")),
        Cutoffs.cutoff(NOW, Duration.ofDays(90)));
    assertEquals(
        Optional.of(Instant.parse("2026-11-20T12:00:00Z")),
        Cutoffs.cutoff(NOW, Duration.ofHours(72)));
    assertEquals(Optional.empty(), Cutoffs.cutoff(NOW, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> Cutoffs.cutoff(NOW, Duration.ofDays(-1)));
  }

  @Test
  void drainingDeletesFullBatchesUntilAShortOneAndReportsEach() throws Exception {
    Deque<Integer> backlog = new ArrayDeque<>(List.of(10, 10, 10, 3));
    List<Integer> limits = new ArrayList<>();
    List<Long> reported = new ArrayList<>();
    Cutoffs.drain(
        limit -> {
          limits.add(limit);
          return Cutoffs.Batch.ofRows(backlog.removeFirst());
        },
        10,
        reported::add);
    assertEquals(List.of(10, 10, 10, 10), limits);
    assertEquals(List.of(10L, 10L, 10L, 3L), reported);
    assertEquals(0, backlog.size());
  }

  @Test
  void anExactMultipleEndsWithOneEmptyBatch() throws Exception {
    Deque<Integer> backlog = new ArrayDeque<>(List.of(5, 5, 0));
    List<Long> reported = new ArrayList<>();
    Cutoffs.drain(limit -> Cutoffs.Batch.ofRows(backlog.removeFirst()), 5, reported::add);
    assertEquals(List.of(5L, 5L, 0L), reported);
  }

  @Test
  void batchesOfAlertsContinueByAlertsPickedNotRowsRemoved() throws Exception {
    Deque<Cutoffs.Batch> backlog =
        new ArrayDeque<>(List.of(new Cutoffs.Batch(2, 9), new Cutoffs.Batch(1, 4)));
    List<Long> reported = new ArrayList<>();
    Cutoffs.drain(limit -> backlog.removeFirst(), 2, reported::add);
    assertEquals(List.of(9L, 4L), reported);
  }

  @Test
  void aLostLeaseStopsTheRunAfterTheBatchInHand() {
    List<Integer> limits = new ArrayList<>();
    JobRunner.Progress lost =
        rows -> {
          throw new JobRunner.LeaseLost("retention.positions");
        };
    assertThrows(
        JobRunner.LeaseLost.class,
        () ->
            Cutoffs.drain(
                limit -> {
                  limits.add(limit);
                  return Cutoffs.Batch.ofRows(limit);
                },
                10,
                lost));
    assertEquals(List.of(10), limits, "no second batch");
  }

  @Test
  void aBatchSizeBelowOneIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Cutoffs.drain(limit -> Cutoffs.Batch.ofRows(0), 0, rows -> {}));
  }

  @Test
  void retentionsAreShownInDaysOrHours() {
    assertEquals("90d", Cutoffs.describe(Duration.ofDays(90), false));
    assertEquals("72h", Cutoffs.describe(Duration.ofHours(72), true));
    assertEquals("forever", Cutoffs.describe(Duration.ZERO, false));
  }
}
