package dev.vigil.gateway.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Keeps the publishers at most {@code ahead} messages ahead of what the far end has taken, across
 * all publisher connections. Without it a flat-out run overflows the broker's per-subscriber queue,
 * and brokers drop QoS 1 messages there (Mosquitto's {@code max_queued_messages}, default 1000;
 * HiveMQ CE's per-client queue, default 1000): the run would measure losses, not a rate. Both the
 * pass-through and the gateway phase run under the same credit, so the ratio stays fair.
 */
final class Credit {
  static final Credit NONE = new Credit(() -> Long.MAX_VALUE / 2, Integer.MAX_VALUE);

  private final AtomicLong sent = new AtomicLong();
  private final LongSupplier delivered;
  private final int ahead;

  Credit(LongSupplier delivered, int ahead) {
    this.delivered = delivered;
    this.ahead = ahead;
  }

  /** Waits until one more message may be published, and counts it as sent. */
  void acquire() throws InterruptedException {
    while (sent.get() - delivered.getAsLong() >= ahead) {
      Thread.sleep(0, 200_000);
    }
    sent.incrementAndGet();
  }
}
