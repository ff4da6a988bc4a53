package dev.vigil.gateway.webhook;

/** What one POST to the receiver came to. */
public enum Outcome {
  /** 2xx: the receiver holds the alert. */
  DELIVERED,
  /**
   * Worth trying again: 5xx, 408 (request timeout), 429 (too many requests), no answer in time, the
   * connection refused or broken.
   */
  RETRY,
  /**
   * Any other status (other 4xx, 1xx, 3xx: redirects are not followed): trying again won't help.
   */
  REJECTED;

  public static Outcome of(int status) {
    if (status >= 200 && status < 300) {
      return DELIVERED;
    }
    if (status >= 500 || status == 408 || status == 429) {
      return RETRY;
    }
    return REJECTED;
  }
}
