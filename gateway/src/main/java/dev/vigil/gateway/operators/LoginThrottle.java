package dev.vigil.gateway.operators;

import java.time.Duration;
import java.time.Instant;

/**
 * How many failed logins a name may have before further attempts are refused unchecked: at most
 * {@code maxFailures} within the last {@code window}. The failures are counted in the audit log, so
 * the limit holds across gateways sharing a database and across restarts; an attempt refused by the
 * throttle is audited but not counted, so the lock ends {@code window} after the last real failure.
 * The default, 5 failures per 15 minutes, follows the OWASP Authentication Cheat Sheet's advice to
 * lock an account for a period after a small number of failures; it is far below NIST SP 800-63B's
 * ceiling of 100 consecutive failures (section 5.2.2). Counting per name, not per address, protects
 * the account even from an attacker spread over many addresses; the price is that the owner may be
 * locked out for up to 15 minutes.
 */
public record LoginThrottle(int maxFailures, Duration window) {
  public static final LoginThrottle DEFAULT = new LoginThrottle(5, Duration.ofMinutes(15));

  public LoginThrottle {
    if (maxFailures < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a login throttle needs failures >= 1 and a window > 0");
    }
  }

  /** The start of the window that ends {@code now}. */
  public Instant since(Instant now) {
    return now.minus(window);
  }

  /** True when a name with {@code recentFailures} failures in the window may try again. */
  public boolean allows(int recentFailures) {
    return recentFailures < maxFailures;
  }
}
