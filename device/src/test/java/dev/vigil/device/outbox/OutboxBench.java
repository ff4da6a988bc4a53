package dev.vigil.device.outbox;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Outbox figures, printed, never asserted ({@code scripts/bench-outbox}): positions appended
 * through the real {@link OutboxSender} with its group commit ({@link
 * dev.vigil.device.Device#GROUP_COMMIT_MS}; appends/s, and how long a position waited for the fsync
 * that made it durable: what power loss could take), alarms appended with an fsync each, and the
 * same disk's raw write+fsync rate as the reference for the alarm figure on a shared machine.
 */
public final class OutboxBench {
  private static final PrintStream OUT = System.out;
  private static final int ENVELOPE_BYTES = 96; // a sealed position: 28 header + ~52 + 16 tag
  private static final long GROUP_COMMIT_MS = dev.vigil.device.Device.GROUP_COMMIT_MS;

  public static void main(String[] args) throws Exception {
    int positions = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    int alarms = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    Path folder = Files.createTempDirectory("vigil-outbox-bench");
    OUT.printf("outbox bench in %s: %d positions, %d alarms%n", folder, positions, alarms);
    positions(folder.resolve("positions"), positions, 0);
    positions(folder.resolve("positions-10hz"), 300, 100); // a 10 Hz receiver for 30 s
    alarms(folder.resolve("alarms"), alarms);
    rawFsync(folder.resolve("raw"), alarms);
  }

  private static OutboxSender.Transport offline() {
    return new OutboxSender.Transport() {
      @Override
      public boolean connected() {
        return false; // a tunnel: everything stays in the outbox
      }

      @Override
      public int brokerWindow() {
        return 1;
      }

      @Override
      public CompletableFuture<Void> publish(String topic, byte[] envelope) {
        throw new IllegalStateException("offline");
      }
    };
  }

  /** {@code pauseMs} between appends: 0 for as fast as possible. */
  private static void positions(Path folder, int count, long pauseMs) throws Exception {
    Outbox outbox = Outbox.open(new Outbox.Settings(folder, 4L << 20, 1L << 40));
    long[] appendedAt = new long[count + 1];
    long[] waitNanos = new long[count];
    AtomicLong durable = new AtomicLong();
    OutboxSender.DurableListener listener =
        records -> {
          long now = System.nanoTime();
          for (OutboxRecord record : records) {
            waitNanos[(int) record.seq() - 1] = now - appendedAt[(int) record.seq()];
          }
          durable.addAndGet(records.size());
        };
    var settings = new OutboxSender.Settings(100, 2_000, 10_000, GROUP_COMMIT_MS);
    OutboxSender sender = new OutboxSender(outbox, offline(), settings, listener);
    sender.start();
    long start = System.nanoTime();
    for (int seq = 1; seq <= count; seq++) {
      appendedAt[seq] = System.nanoTime();
      sender.record(record(seq, Lane.POSITION));
      if (pauseMs > 0) {
        Thread.sleep(pauseMs);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    while (durable.get() < count) {
      Thread.sleep(10);
    }
    sender.close();
    long[] sorted = waitNanos.clone();
    Arrays.sort(sorted);
    OUT.printf(
        "positions%s, group commit at %d ms: %d appends in %.2f s = %.0f appends/s;"
            + " wait from append to its fsync returning (at risk): p50 %.1f ms, p99 %.1f ms,"
            + " max %.1f ms%n",
        pauseMs > 0 ? " every " + pauseMs + " ms" : " as fast as possible",
        GROUP_COMMIT_MS,
        count,
        seconds,
        count / seconds,
        sorted[count / 2] / 1e6,
        sorted[(int) (count * 0.99)] / 1e6,
        sorted[count - 1] / 1e6);
  }

  private static void alarms(Path folder, int count) throws Exception {
    Outbox outbox = Outbox.open(new Outbox.Settings(folder, 4L << 20, 1L << 40));
    java.util.Set<Long> durableBeforeReturn = ConcurrentHashMap.newKeySet();
    OutboxSender sender =
        new OutboxSender(
            outbox,
            offline(),
            new OutboxSender.Settings(100, 2_000, 10_000, GROUP_COMMIT_MS),
            records -> records.forEach(r -> durableBeforeReturn.add(r.seq())));
    long[] nanos = new long[count];
    for (int seq = 1; seq <= count; seq++) {
      long start = System.nanoTime();
      sender.record(record(seq, Lane.ALARM));
      nanos[seq - 1] = System.nanoTime() - start;
      if (!durableBeforeReturn.contains((long) seq)) {
        throw new IllegalStateException("alarm " + seq + " was not durable when record returned");
      }
    }
    sender.close();
    OUT.printf(
        "alarms, fsync each (all %d durable before record() returned): %s%n",
        count, figures(nanos));
  }

  private static void rawFsync(Path file, int count) throws Exception {
    long[] nanos = new long[count];
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      for (int i = 0; i < count; i++) {
        long start = System.nanoTime();
        channel.write(ByteBuffer.allocate(ENVELOPE_BYTES + 60));
        channel.force(false);
        nanos[i] = System.nanoTime() - start;
      }
    }
    OUT.printf("reference, raw write+fsync of the same size on this disk: %s%n", figures(nanos));
  }

  private static String figures(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double total = Arrays.stream(sorted).sum() / 1e9;
    return "%.0f/s, median %.2f ms, p99 %.2f ms"
        .formatted(
            sorted.length / total,
            sorted[sorted.length / 2] / 1e6,
            sorted[(int) (sorted.length * 0.99)] / 1e6);
  }

  private static OutboxRecord record(long seq, Lane lane) {
    byte[] envelope = new byte[ENVELOPE_BYTES];
    ByteBuffer.wrap(envelope).putLong(10, seq);
    return new OutboxRecord(seq, lane, "vigil/v1/d/bench-1/up/pos", envelope);
  }

  private OutboxBench() {}
}
