package dev.vigil.device.outbox;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.tinylog.Logger;

/**
 * Moves records from the outbox to the link and back out on the gateway's acknowledgement. One
 * thread: it keeps up to {@code maxInFlight} records published but unacknowledged (never more than
 * the broker's receive maximum), drains the most urgent lane first at no more than {@code
 * ratePerS}, publishes again what stayed unacknowledged for {@code ackTimeoutMs} (a broker may
 * PUBACK and still lose a message), and group-commits positions: the oldest position not yet on
 * stable storage is never older than {@code groupCommitMs} plus one fsync, whichever thread gets
 * there first (the recording thread when appends keep coming, the sender's loop when they stop).
 *
 * <p>A panic does not wait for any of that: {@link #sendNow} publishes it on the caller's thread
 * and writes it to disk in parallel; it stays in the outbox until acknowledged like any record.
 */
public final class OutboxSender implements AutoCloseable {
  /** The link as the sender needs it. */
  public interface Transport {
    boolean connected();

    /** The broker's receive maximum, or a large number when it set none. */
    int brokerWindow();

    CompletableFuture<Void> publish(String topic, byte[] envelope);
  }

  /**
   * Told of records once they are on stable storage, in the order they became durable: alarms as
   * their append returns, positions at each group commit. Called under the sender's lock: keep it
   * short.
   */
  public interface DurableListener {
    DurableListener NONE = records -> {};

    void durable(List<OutboxRecord> records) throws IOException;
  }

  /** Pacing; see the class comment. */
  public record Settings(int maxInFlight, int ratePerS, long ackTimeoutMs, long groupCommitMs) {}

  private final Outbox outbox;
  private final Transport transport;
  private final Settings settings;
  private final DurableListener durableListener;
  private final Map<Long, Long> inFlightSinceNanos = new HashMap<>();

  /**
   * Publishes waiting for their PUBACK, at most: a panic goes out on the same connection behind
   * them, so this bounds how much backlog it can queue behind. bench-drain measured a panic pressed
   * as a drain began at 928.4 ms with the embedded broker's window of 1,000, and still drains at
   * the rate limit with 64.
   */
  static final int MAX_AWAITING_PUBACK = 64;

  private final Thread thread;
  private final java.util.concurrent.atomic.AtomicInteger awaitingPuback =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean running = true;
  private double tokens;
  private long lastRefillNanos = System.nanoTime();
  private long oldestUnsyncedNanos = -1; // when the oldest position not yet fsynced was appended

  public OutboxSender(Outbox outbox, Transport transport, Settings settings) {
    this(outbox, transport, settings, DurableListener.NONE);
  }

  public OutboxSender(
      Outbox outbox, Transport transport, Settings settings, DurableListener durableListener) {
    this.outbox = outbox;
    this.transport = transport;
    this.settings = settings;
    this.durableListener = durableListener;
    this.thread = new Thread(this::run, "outbox-sender");
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Records a message: durable at once unless it is a position (group-committed). */
  public void record(OutboxRecord record) throws IOException {
    synchronized (this) {
      boolean alarm = record.lane() != Lane.POSITION;
      List<OutboxRecord> durable = outbox.append(record, alarm);
      notifyAll();
      if (alarm) {
        oldestUnsyncedNanos = -1; // the alarm's fsync covered every position before it
        report(durable);
      } else {
        if (oldestUnsyncedNanos < 0) {
          oldestUnsyncedNanos = System.nanoTime();
        }
        groupCommitIfDue(System.nanoTime());
      }
    }
  }

  /** Publishes at once and records in parallel: for a panic, which waits for nothing. */
  public void sendNow(OutboxRecord record) throws IOException {
    boolean published = transport.connected();
    if (published) {
      synchronized (this) {
        inFlightSinceNanos.put(record.seq(), System.nanoTime());
      }
      publish(record);
    }
    record(record);
  }

  /** The gateway committed these sequence numbers: they leave the outbox. */
  public void acknowledged(Collection<Long> seqs) {
    synchronized (this) {
      try {
        outbox.ack(seqs);
      } catch (IOException e) {
        Logger.error("outbox: could not record acknowledgements: {}", e.getMessage());
      }
      seqs.forEach(inFlightSinceNanos::remove);
      notifyAll();
    }
  }

  public synchronized int waiting() {
    return outbox.size();
  }

  /**
   * Publishes one record. Two windows apply: the broker's receive maximum bounds publishes waiting
   * for their PUBACK, {@code maxInFlight} bounds records waiting for the gateway's acknowledgement,
   * which comes a database commit later; tying the second to the first would cap a drain at the
   * broker's window per round trip (20 on a default Mosquitto).
   */
  private void publish(OutboxRecord record) {
    awaitingPuback.incrementAndGet();
    transport
        .publish(record.topic(), record.envelope())
        .whenComplete(
            (ok, e) -> {
              awaitingPuback.decrementAndGet();
              if (e != null) {
                settle(record.seq());
              } else {
                synchronized (this) {
                  notifyAll();
                }
              }
            });
  }

  private synchronized void settle(long seq) {
    inFlightSinceNanos.remove(seq);
    notifyAll();
  }

  private void run() {
    while (running) {
      try {
        List<OutboxRecord> batch = nextBatch();
        for (OutboxRecord record : batch) {
          publish(record);
        }
        synchronized (this) {
          if (batch.isEmpty() && running) {
            wait(20);
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        Logger.error("outbox sender: {}", e.getMessage());
        sleepQuietly();
      }
    }
  }

  /** Caller holds the lock. */
  private void groupCommitIfDue(long now) throws IOException {
    if (oldestUnsyncedNanos >= 0
        && now - oldestUnsyncedNanos >= settings.groupCommitMs() * 1_000_000) {
      oldestUnsyncedNanos = -1;
      report(outbox.sync());
    }
  }

  private void report(List<OutboxRecord> durable) throws IOException {
    if (!durable.isEmpty()) {
      durableListener.durable(durable);
    }
  }

  private synchronized List<OutboxRecord> nextBatch() throws IOException {
    long now = System.nanoTime();
    groupCommitIfDue(now);
    long timeoutNanos = settings.ackTimeoutMs() * 1_000_000;
    inFlightSinceNanos.values().removeIf(since -> now - since > timeoutNanos);
    if (!transport.connected()) {
      // A lost connection took its unacknowledged publishes with it (clean start): send them
      // again as soon as it is back, not an ack timeout later.
      inFlightSinceNanos.clear();
    }
    refill(now);
    int room =
        Math.min(
            settings.maxInFlight() - inFlightSinceNanos.size(),
            Math.min(transport.brokerWindow(), MAX_AWAITING_PUBACK) - awaitingPuback.get());
    room = Math.min(room, (int) tokens);
    if (!transport.connected() || room <= 0) {
      return List.of();
    }
    List<OutboxRecord> batch = outbox.next(room, inFlightSinceNanos.keySet());
    for (OutboxRecord record : batch) {
      inFlightSinceNanos.put(record.seq(), now);
    }
    tokens -= batch.size();
    return batch;
  }

  private void refill(long now) {
    double burst = Math.max(1, settings.ratePerS() / 10.0);
    tokens = Math.min(burst, tokens + (now - lastRefillNanos) / 1e9 * settings.ratePerS());
    lastRefillNanos = now;
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops sending and commits what was appended. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2_000);
      synchronized (this) {
        report(outbox.sync());
        outbox.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      Logger.error("outbox close: {}", e.getMessage());
    }
  }
}
