package dev.vigil.device.evidence;

/**
 * The upload bandwidth cap (pure): {@code bytesPerS} refill, at most {@code burstBytes} saved up.
 * Time is passed in as monotonic nanoseconds.
 */
final class TokenBucket {
  private final long bytesPerS;
  private final long burstBytes;
  private double tokens;
  private long lastNanos;

  TokenBucket(long bytesPerS, long burstBytes, long nowNanos) {
    this.bytesPerS = bytesPerS;
    this.burstBytes = burstBytes;
    this.tokens = burstBytes;
    this.lastNanos = nowNanos;
  }

  /** Takes {@code bytes} if the cap allows it now. */
  boolean take(long bytes, long nowNanos) {
    tokens = Math.min(burstBytes, tokens + (nowNanos - lastNanos) / 1e9 * bytesPerS);
    lastNanos = nowNanos;
    if (tokens < bytes) {
      return false;
    }
    tokens -= bytes;
    return true;
  }
}
