package dev.vigil.gateway.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What this gateway's webhook sink did since start; shown in {@code GET /api/metrics}. */
public final class WebhookCounters {
  private final LongAdder queued = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final LongAdder dead = new LongAdder();

  void queued() {
    queued.increment();
  }

  void delivered() {
    delivered.increment();
  }

  void retried() {
    retried.increment();
  }

  void dead() {
    dead.increment();
  }

  public long deliveredCount() {
    return delivered.sum();
  }

  public long retriedCount() {
    return retried.sum();
  }

  public long deadCount() {
    return dead.sum();
  }

  public Map<String, Object> snapshot() {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("queued", queued.sum());
    figures.put("delivered", delivered.sum());
    figures.put("retried", retried.sum());
    figures.put("dead", dead.sum());
    return figures;
  }
}
