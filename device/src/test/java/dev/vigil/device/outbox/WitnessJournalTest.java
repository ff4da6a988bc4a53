package dev.vigil.device.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class WitnessJournalTest {
  @TempDir Path folder;

  @Test
  void eachDurableRecordIsOneLineAndAReopenedJournalAppends() throws Exception {
    Path file = folder.resolve("witness");
    try (WitnessJournal journal = new WitnessJournal(file)) {
      journal.durable(
          List.of(
              new OutboxRecord(5, Lane.POSITION, "t", new byte[0]),
              new OutboxRecord(6, Lane.PANIC, "t", new byte[0])));
    }
    try (WitnessJournal journal = new WitnessJournal(file)) {
      journal.durable(List.of(new OutboxRecord(1007, Lane.POSITION, "t", new byte[0])));
    }
    assertEquals(List.of("5 POSITION", "6 PANIC", "1007 POSITION"), Files.readAllLines(file));
  }
}
