package dev.vigil.gateway.broker;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Clients and packets the embedded broker refused, by reason: in {@code GET /api/metrics}. */
public final class BrokerCounters {
  private final Map<AccessRules.Refusal, LongAdder> refused =
      new EnumMap<>(AccessRules.Refusal.class);

  public BrokerCounters() {
    for (AccessRules.Refusal reason : AccessRules.Refusal.values()) {
      refused.put(reason, new LongAdder());
    }
  }

  void refused(AccessRules.Refusal reason) {
    refused.get(reason).increment();
  }

  public long refusedCount(AccessRules.Refusal reason) {
    return refused.get(reason).sum();
  }

  public Map<String, Object> snapshot() {
    Map<String, Object> figures = new LinkedHashMap<>();
    refused.forEach((reason, count) -> figures.put(reason.name(), count.sum()));
    return Map.of("refused", figures);
  }
}
