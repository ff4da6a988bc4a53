package dev.vigil.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class RetryPolicyTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private final RetryPolicy policy = new RetryPolicy(1_000, 60_000, 10, Duration.ofHours(1));

  @Test
  void theStepDoublesPerAttemptUpToTheCapWithJitterInItsUpperHalf() {
    List<Long> lowest =
        IntStream.rangeClosed(1, 9).mapToObj(a -> policy.backoffMs(a, 0.0)).toList();
    List<Long> highest =
        IntStream.rangeClosed(1, 9).mapToObj(a -> policy.backoffMs(a, 0.999_999)).toList();
    assertEquals(
        List.of(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L), lowest);
    assertEquals(
        List.of(999L, 1_999L, 3_999L, 7_999L, 15_999L, 31_999L, 59_999L, 59_999L, 59_999L),
        highest);
    assertEquals(750L, policy.backoffMs(1, 0.5));
  }

  @Test
  void aHugeAttemptCountNeitherOverflowsNorPassesTheCap() {
    for (int attempts : new int[] {63, 64, 1_000, Integer.MAX_VALUE}) {
      long ms = policy.backoffMs(attempts, 0.999_999);
      assertTrue(ms >= 30_000 && ms <= 60_000, attempts + " -> " + ms);
    }
  }

  @Test
  void aSuccessIsDoneAndARefusalGivesUpAtOnce() {
    assertInstanceOf(RetryPolicy.Done.class, policy.decide(Outcome.DELIVERED, 1, T0, T0, 0.5));
    RetryPolicy.GiveUp refused =
        assertInstanceOf(RetryPolicy.GiveUp.class, policy.decide(Outcome.REJECTED, 1, T0, T0, 0.5));
    assertTrue(refused.reason().contains("refused"), refused.reason());
  }

  @Test
  void aRetryableFailureIsTriedAgainAfterTheBackoff() {
    Instant now = T0.plusSeconds(10);
    RetryPolicy.Again again =
        assertInstanceOf(RetryPolicy.Again.class, policy.decide(Outcome.RETRY, 3, T0, now, 0.0));
    assertEquals(now.plusMillis(2_000), again.at());
  }

  @Test
  void theLastAllowedAttemptGivesUp() {
    assertInstanceOf(
        RetryPolicy.Again.class, policy.decide(Outcome.RETRY, 9, T0, T0.plusSeconds(60), 0.0));
    RetryPolicy.GiveUp giveUp =
        assertInstanceOf(
            RetryPolicy.GiveUp.class,
            policy.decide(Outcome.RETRY, 10, T0, T0.plusSeconds(60), 0.0));
    assertTrue(giveUp.reason().contains("10 attempts"), giveUp.reason());
  }

  @Test
  void aRetryThatWouldFallPastTheGiveUpAgeGivesUpNow() {
    Instant late = T0.plus(Duration.ofHours(1)).minusMillis(600);
    assertInstanceOf(RetryPolicy.Again.class, policy.decide(Outcome.RETRY, 1, T0, late, 0.0));
    assertInstanceOf(
        RetryPolicy.GiveUp.class, policy.decide(Outcome.RETRY, 1, T0, late.plusMillis(200), 0.0));
  }

  @Test
  void aCapBelowTheBaseIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new RetryPolicy(1_000, 999, 10, Duration.ofHours(1)));
  }
}
