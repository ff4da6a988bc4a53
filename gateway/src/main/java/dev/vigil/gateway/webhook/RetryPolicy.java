package dev.vigil.gateway.webhook;

import java.time.Duration;
import java.time.Instant;

/**
 * When to try a failed delivery again, and when to give up. Pure: time and randomness come in.
 *
 * @param backoffBaseMs the wait after the first failed attempt (before jitter)
 * @param backoffCapMs no wait is longer than this
 * @param maxAttempts a delivery that failed this many times is given up
 * @param giveUpAfter a delivery older than this (from when it was queued) is given up
 */
public record RetryPolicy(
    long backoffBaseMs, long backoffCapMs, int maxAttempts, Duration giveUpAfter) {

  public RetryPolicy {
    if (backoffBaseMs < 1 || backoffCapMs < backoffBaseMs || maxAttempts < 1) {
      throw new IllegalArgumentException("bad retry policy " + backoffBaseMs + "/" + backoffCapMs);
    }
  }

  /** What to do with a delivery after an attempt. */
  public sealed interface Decision {}

  public record Done() implements Decision {}

  public record Again(Instant at) implements Decision {}

  public record GiveUp(String reason) implements Decision {}

  /**
   * The wait after {@code attempts} failed attempts: base doubled per attempt, capped, then "equal
   * jitter" (a random point in its upper half), so that gateways retrying after one outage spread
   * out instead of striking the receiver together, while no wait falls below half its step.
   *
   * @param jitter a random number in [0, 1)
   */
  public long backoffMs(int attempts, double jitter) {
    long step = backoffBaseMs;
    for (int i = 1; i < attempts && step < backoffCapMs; i++) {
      step *= 2;
    }
    step = Math.min(step, backoffCapMs);
    long half = step / 2;
    return half + (long) (jitter * (step - half));
  }

  /**
   * @param attempts how many attempts have been made, this one included
   * @param queuedAt when the delivery was queued
   */
  public Decision decide(
      Outcome outcome, int attempts, Instant queuedAt, Instant now, double jitter) {
    return switch (outcome) {
      case DELIVERED -> new Done();
      case REJECTED -> new GiveUp("refused by the receiver");
      case RETRY -> {
        if (attempts >= maxAttempts) {
          yield new GiveUp("failed " + attempts + " attempts");
        }
        Instant at = now.plusMillis(backoffMs(attempts, jitter));
        if (at.isAfter(queuedAt.plus(giveUpAfter))) {
          yield new GiveUp("still failing " + giveUpAfter.toSeconds() + " s after it was queued");
        }
        yield new Again(at);
      }
    };
  }
}
