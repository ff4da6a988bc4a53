package dev.vigil.gateway.enrol;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Enrolments granted and refused (by reason) since start: shown in {@code GET /api/metrics}. */
public final class EnrolmentCounters {
  private final LongAdder enrolled = new LongAdder();
  private final Map<Enrolment.Refusal, LongAdder> refused = new EnumMap<>(Enrolment.Refusal.class);

  public EnrolmentCounters() {
    for (Enrolment.Refusal reason : Enrolment.Refusal.values()) {
      refused.put(reason, new LongAdder());
    }
  }

  void enrolled() {
    enrolled.increment();
  }

  void refused(Enrolment.Refusal reason) {
    refused.get(reason).increment();
  }

  public long enrolledCount() {
    return enrolled.sum();
  }

  public long refusedCount(Enrolment.Refusal reason) {
    return refused.get(reason).sum();
  }

  public Map<String, Object> snapshot() {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("enrolled", enrolled.sum());
    Map<String, Long> byReason = new LinkedHashMap<>();
    refused.forEach((reason, count) -> byReason.put(reason.name(), count.sum()));
    figures.put("refused", byReason);
    return figures;
  }
}
