package dev.vigil.gateway.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What ingest did since start: the figures behind {@code GET /api/metrics}. Thread-safe. */
public final class IngestCounters {
  private final LongAdder received = new LongAdder();
  private final LongAdder stored = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder alertsRaised = new LongAdder();
  private final LongAdder storeFailures = new LongAdder();
  private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

  public IngestCounters() {
    for (DropReason reason : DropReason.values()) {
      dropped.put(reason, new LongAdder());
    }
  }

  void received() {
    received.increment();
  }

  void stored(int count) {
    stored.add(count);
  }

  void duplicates(int count) {
    duplicates.add(count);
  }

  void alertRaised() {
    alertsRaised.increment();
  }

  void storeFailed() {
    storeFailures.increment();
  }

  void dropped(DropReason reason) {
    dropped.get(reason).increment();
  }

  public long storedCount() {
    return stored.sum();
  }

  public long droppedCount(DropReason reason) {
    return dropped.get(reason).sum();
  }

  public long duplicateCount() {
    return duplicates.sum();
  }

  /** A snapshot with stable names, for the metrics endpoint and the periodic log line. */
  public Map<String, Object> snapshot() {
    Map<String, Object> figures = new java.util.LinkedHashMap<>();
    figures.put("received", received.sum());
    figures.put("stored", stored.sum());
    figures.put("duplicates", duplicates.sum());
    figures.put("alertsRaised", alertsRaised.sum());
    figures.put("storeFailures", storeFailures.sum());
    Map<String, Long> drops = new java.util.LinkedHashMap<>();
    dropped.forEach((reason, count) -> drops.put(reason.name(), count.sum()));
    figures.put("dropped", drops);
    return figures;
  }
}
