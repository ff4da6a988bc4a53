package dev.vigil.device.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class OutboxSenderTest {
  @TempDir Path folder;

  /** A link whose connection the test switches; publishes are never PUBACKed (a dead broker). */
  private static class FakeLink implements OutboxSender.Transport {
    volatile boolean connected = true;
    final BlockingQueue<Long> published = new LinkedBlockingQueue<>();

    @Override
    public boolean connected() {
      return connected;
    }

    @Override
    public int brokerWindow() {
      return 65_535;
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] envelope) {
      published.add((long) envelope[0]);
      return new CompletableFuture<>();
    }
  }

  @Test
  void theBrokersWindowBoundsPubacksNotRecordsAwaitingTheGatewaysAck() throws Exception {
    FakeLink link =
        new FakeLink() {
          @Override
          public int brokerWindow() {
            return 2; // a broker that allows two unacknowledged QoS 1 publishes
          }

          @Override
          public CompletableFuture<Void> publish(String topic, byte[] envelope) {
            super.publish(topic, envelope);
            return CompletableFuture.completedFuture(null); // PUBACKed at once
          }
        };
    var settings = new OutboxSender.Settings(50, 10_000, 60_000, 50);
    try (OutboxSender sender = new OutboxSender(outbox(), link, settings)) {
      for (long seq = 1; seq <= 60; seq++) {
        sender.record(record(seq, Lane.POSITION));
      }
      sender.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (link.published.size() < 50 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      Thread.sleep(200);
      assertEquals(50, link.published.size(), "maxInFlight records out, none acknowledged yet");
    }
  }

  private static OutboxRecord record(long seq, Lane lane) {
    return new OutboxRecord(seq, lane, "vigil/v1/d/box-1/up/pos", new byte[] {(byte) seq, 1, 2});
  }

  private Outbox outbox() throws IOException {
    return Outbox.open(new Outbox.Settings(folder, 1 << 20, 1 << 30));
  }

  @Test
  void whatWasInFlightWhenTheLinkDroppedIsSentAgainOnReconnectNotAnAckTimeoutLater()
      throws Exception {
    FakeLink link = new FakeLink();
    var settings = new OutboxSender.Settings(100, 10_000, 60_000, 50);
    try (OutboxSender sender = new OutboxSender(outbox(), link, settings)) {
      sender.start();
      sender.record(record(1, Lane.ALARM));
      assertEquals(1L, link.published.poll(5, TimeUnit.SECONDS));
      link.connected = false; // the broker went away before its PUBACK and the gateway's ack
      Thread.sleep(200);
      link.connected = true;
      assertEquals(
          1L,
          link.published.poll(5, TimeUnit.SECONDS),
          "republished at once (the ack timeout is 60 s)");
    }
  }

  @Test
  void anAlarmIsDurableWhenItsRecordCallReturnsAndPositionsAtTheNextGroupCommit() throws Exception {
    FakeLink link = new FakeLink();
    link.connected = false;
    List<String> durable = new CopyOnWriteArrayList<>();
    OutboxSender.DurableListener listener =
        records -> records.forEach(r -> durable.add(r.seq() + " " + r.lane()));
    var settings = new OutboxSender.Settings(100, 10_000, 60_000, 200);
    try (OutboxSender sender = new OutboxSender(outbox(), link, settings, listener)) {
      sender.record(record(1, Lane.POSITION));
      sender.record(record(2, Lane.POSITION));
      assertEquals(List.of(), durable, "positions wait for the group commit");
      sender.record(record(3, Lane.PANIC));
      // The alarm's fsync also covers the positions appended before it, in order.
      assertEquals(List.of("1 POSITION", "2 POSITION", "3 PANIC"), durable);
      sender.record(record(4, Lane.POSITION));
      sender.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (durable.size() < 4 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals("4 POSITION", durable.get(3), "the sender's group commit made it durable");
    }
  }

  @Test
  void closingCommitsWhatWasAppendedAndReportsIt() throws Exception {
    FakeLink link = new FakeLink();
    link.connected = false;
    List<Long> durable = new ArrayList<>();
    var settings = new OutboxSender.Settings(100, 10_000, 60_000, 60_000);
    OutboxSender sender =
        new OutboxSender(
            outbox(), link, settings, records -> records.forEach(r -> durable.add(r.seq())));
    sender.record(record(7, Lane.POSITION));
    sender.close();
    assertEquals(List.of(7L), durable);
    try (Outbox reopened = outbox()) {
      assertTrue(reopened.size() == 1, "the position survived the close");
    }
  }
}
