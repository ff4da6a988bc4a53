package dev.vigil.device.health;

import dev.vigil.protocol.pb.Health;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * Sends a Health report every interval, and at once when a fault appears or clears, so a fault is
 * one report (not a stream of alarms). Faults are keyed by the part at fault ({@code button},
 * {@code power}); a part has at most one fault at a time.
 */
public final class HealthReporter implements AutoCloseable {
  /** What a report reads, at the moment it is made. */
  public interface Sources {
    boolean gnssOk();

    boolean ignitionOn();

    long outboxRecords();
  }

  /** Where a report goes (sealed into the outbox's health lane). */
  public interface Sender {
    void send(Health health) throws IOException;
  }

  private final Sources sources;
  private final Sender sender;
  private final Clock clock;
  private final Map<String, String> faults = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "health-reporter");
            thread.setDaemon(true);
            return thread;
          });

  public HealthReporter(Sources sources, Sender sender, Clock clock) {
    this.sources = sources;
    this.sender = sender;
    this.clock = clock;
  }

  /**
   * Reports at once (the state at boot: ignition, faults found while starting), then every
   * interval.
   */
  public void start(Duration interval) {
    long ms = interval.toMillis();
    timer.scheduleAtFixedRate(this::report, 0, ms, TimeUnit.MILLISECONDS);
  }

  /** Records a fault of {@code part} and reports it now (once; a repeat of it is not sent). */
  public void fault(String part, String fault) {
    if (!fault.equals(faults.put(part, fault))) {
      Logger.error("health fault: {}: {}", part, fault);
      report();
    }
  }

  public void clear(String part) {
    if (faults.remove(part) != null) {
      Logger.info("health fault cleared: {}", part);
      report();
    }
  }

  /** Makes a report now and records it; a report that cannot be recorded is logged. */
  public synchronized void report() {
    Health health =
        health(
            clock.instant(),
            sources.gnssOk(),
            sources.ignitionOn(),
            sources.outboxRecords(),
            faults);
    try {
      sender.send(health);
    } catch (IOException | RuntimeException e) {
      Logger.error("health report not recorded: {}", e.getMessage());
    }
  }

  /** The Health message (pure). */
  public static Health health(
      Instant at, boolean gnssOk, boolean ignitionOn, long outbox, Map<String, String> faults) {
    return Health.newBuilder()
        .setAtMs(at.toEpochMilli())
        .setGnssOk(gnssOk)
        .setIgnitionOn(ignitionOn)
        .setOutboxRecords(outbox)
        .putAllFaults(new TreeMap<>(faults))
        .build();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
