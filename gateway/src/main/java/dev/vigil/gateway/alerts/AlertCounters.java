package dev.vigil.gateway.alerts;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What happened to control-room acknowledgements and escalations since start. Thread-safe. */
public final class AlertCounters {
  /** The outcome of one acknowledgement or resolution request. */
  public enum AckOutcome {
    APPLIED,
    UNCHANGED,
    REFUSED,
    UNKNOWN_ALERT,
    MALFORMED
  }

  private final Map<AckOutcome, LongAdder> acks = new EnumMap<>(AckOutcome.class);
  private final LongAdder escalations = new LongAdder();

  public AlertCounters() {
    for (AckOutcome outcome : AckOutcome.values()) {
      acks.put(outcome, new LongAdder());
    }
  }

  public void ack(AckOutcome outcome) {
    acks.get(outcome).increment();
  }

  public void escalated(int count) {
    escalations.add(count);
  }

  public long ackCount(AckOutcome outcome) {
    return acks.get(outcome).sum();
  }

  public Map<String, Object> snapshot() {
    Map<String, Object> figures = new LinkedHashMap<>();
    Map<String, Long> byOutcome = new LinkedHashMap<>();
    acks.forEach((outcome, count) -> byOutcome.put(outcome.name(), count.sum()));
    figures.put("acks", byOutcome);
    figures.put("escalations", escalations.sum());
    return figures;
  }
}
