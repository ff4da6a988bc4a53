package dev.vigil.device.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
  @TempDir Path folder;

  private Outbox open(long segmentBytes, long budgetBytes) throws IOException {
    return Outbox.open(new Outbox.Settings(folder, segmentBytes, budgetBytes));
  }

  private static OutboxRecord record(long seq, Lane lane) {
    byte[] envelope = new byte[60];
    envelope[0] = (byte) seq;
    return new OutboxRecord(seq, lane, "vigil/v1/d/box-1/up/pos", envelope);
  }

  private static List<Long> seqs(List<OutboxRecord> records) {
    List<Long> seqs = new ArrayList<>();
    records.forEach(r -> seqs.add(r.seq()));
    return seqs;
  }

  @Test
  void recordsComeOutMostUrgentLaneFirstAndOldestFirstInsideALane() throws IOException {
    try (Outbox outbox = open(1 << 20, 1 << 30)) {
      outbox.append(record(1, Lane.POSITION), false);
      outbox.append(record(2, Lane.EVENT), false);
      outbox.append(record(3, Lane.POSITION), false);
      outbox.append(record(4, Lane.PANIC), true);
      outbox.append(record(5, Lane.ALARM), true);
      assertEquals(List.of(4L, 5L, 2L, 1L, 3L), seqs(outbox.next(10, Set.of())));
      assertEquals(List.of(4L, 2L), seqs(outbox.next(2, Set.of(5L))));
      assertArrayEquals(
          record(3, Lane.POSITION).envelope(), outbox.next(10, Set.of()).get(4).envelope());
    }
  }

  @Test
  void whatWasRecordedSurvivesAReopenAndWhatWasAcknowledgedStaysGone() throws IOException {
    try (Outbox outbox = open(1 << 20, 1 << 30)) {
      for (long seq = 1; seq <= 5; seq++) {
        outbox.append(record(seq, Lane.POSITION), true);
      }
      outbox.ack(List.of(2L, 4L));
      outbox.sync();
    }
    try (Outbox reopened = open(1 << 20, 1 << 30)) {
      assertEquals(List.of(1L, 3L, 5L), seqs(reopened.next(10, Set.of())));
      reopened.ack(List.of(1L));
      reopened.sync();
    }
    try (Outbox again = open(1 << 20, 1 << 30)) {
      assertEquals(List.of(3L, 5L), seqs(again.next(10, Set.of())));
    }
  }

  @Test
  void aTornEntryAtTheEndIsCutAndEverythingBeforeItSurvives() throws IOException {
    try (Outbox outbox = open(1 << 20, 1 << 30)) {
      for (long seq = 1; seq <= 3; seq++) {
        outbox.append(record(seq, Lane.ALARM), true);
      }
    }
    Path segment = onlySegment();
    long intact = Files.size(segment);
    // Power lost in the middle of the fourth write: its header and half its body reached the disk.
    Files.write(segment, new byte[] {0, 0, 0, 80, 1, 2, 3, 4, 9, 9, 9}, StandardOpenOption.APPEND);
    try (Outbox reopened = open(1 << 20, 1 << 30)) {
      assertEquals(List.of(1L, 2L, 3L), seqs(reopened.next(10, Set.of())));
    }
    assertEquals(intact, Files.size(segment), "the torn tail is cut off");
  }

  @Test
  void anAckArrivingBeforeTheDiskWriteMeansTheRecordIsNeverWaiting() throws IOException {
    try (Outbox outbox = open(1 << 20, 1 << 30)) {
      outbox.ack(List.of(9L)); // a panic is published before its write completes
      outbox.append(record(9, Lane.PANIC), true);
      assertEquals(0, outbox.size());
    }
  }

  @Test
  void aFullBudgetThinsWaitingPositionsAndNeverDropsAnAlarm() throws IOException {
    try (Outbox outbox = open(4_096, 20_000)) {
      for (long seq = 1; seq <= 200; seq++) {
        outbox.append(record(seq, seq % 50 == 0 ? Lane.ALARM : Lane.POSITION), false);
      }
      assertEquals(4, outbox.size(Lane.ALARM), "every alarm kept");
      assertTrue(outbox.thinned() > 0, "positions were thinned");
      assertEquals(200 - 4 - outbox.thinned(), outbox.size(Lane.POSITION));
      assertTrue(outbox.diskBytes() <= 20_000 + 4_096, "within budget: " + outbox.diskBytes());
    }
  }

  @Test
  void aLongOutageStaysWithinTheBudgetThinningTheOldestPositionsAndKeepingEveryAlarm()
      throws IOException {
    List<Long> positions = new ArrayList<>();
    try (Outbox outbox = open(4_096, 40_000)) {
      for (long seq = 1; seq <= 3_000; seq++) {
        Lane lane = seq % 100 == 0 ? Lane.ALARM : Lane.POSITION;
        outbox.append(record(seq, lane), seq % 10 == 0);
        if (lane == Lane.POSITION) {
          positions.add(seq);
        }
        assertTrue(outbox.diskBytes() <= 40_000 + 4_096, "over budget: " + outbox.diskBytes());
      }
      assertEquals(30, outbox.size(Lane.ALARM), "every alarm kept");
      List<Long> waiting = seqs(outbox.next(10_000, Set.of()));
      // A 40 kB budget holds ~390 of these records: thinning keeps a good share of them ...
      assertTrue(outbox.size(Lane.POSITION) >= 150, "kept " + outbox.size(Lane.POSITION));
      // ... and thins the oldest first: the newest positions are all still waiting, in order.
      List<Long> newest = positions.subList(positions.size() - 60, positions.size());
      assertEquals(newest, waiting.subList(waiting.size() - 60, waiting.size()));
    }
    try (Outbox reopened = open(4_096, 40_000)) {
      assertEquals(30, reopened.size(Lane.ALARM), "alarms survive the reopen");
      assertTrue(reopened.diskBytes() <= 40_000 + 4_096, "reopened: " + reopened.diskBytes());
    }
  }

  @Test
  void segmentsWhoseRecordsAreAllAcknowledgedAreDeleted() throws IOException {
    try (Outbox outbox = open(1_000, 1 << 30)) {
      List<Long> all = new ArrayList<>();
      for (long seq = 1; seq <= 50; seq++) {
        outbox.append(record(seq, Lane.POSITION), false);
        all.add(seq);
      }
      assertTrue(segments() > 3);
      outbox.ack(all);
      assertEquals(1, segments(), "only the segment being written remains");
    }
  }

  private Path onlySegment() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "seg-*.log")) {
      return files.iterator().next();
    }
  }

  private long segments() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "seg-*.log")) {
      long count = 0;
      for (Path ignored : files) {
        count++;
      }
      return count;
    }
  }
}
