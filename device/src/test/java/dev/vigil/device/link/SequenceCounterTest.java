package dev.vigil.device.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceCounterTest {
  @TempDir Path folder;

  @Test
  void numbersIncreaseFromOneOnAFreshDevice() throws IOException {
    SequenceCounter counter = SequenceCounter.open(folder.resolve("seq"), 10);
    assertEquals(1, counter.next());
    assertEquals(2, counter.next());
  }

  @Test
  void aRestartSkipsToTheEndOfTheReservedBlockAndNeverRepeats() throws IOException {
    Path file = folder.resolve("seq");
    SequenceCounter first = SequenceCounter.open(file, 10);
    long last = 0;
    for (int i = 0; i < 25; i++) {
      last = first.next(); // 1..25: blocks [1,11), [11,21), [21,31) reserved
    }
    // The process dies here without any goodbye: only what reached the disk counts.
    SequenceCounter second = SequenceCounter.open(file, 10);
    long resumed = second.next();
    assertEquals(31, resumed);
    assertTrue(resumed > last);
  }

  @Test
  void aCorruptCounterFileStopsTheAgentInsteadOfGuessing() throws IOException {
    Path file = folder.resolve("seq");
    Files.writeString(file, "12x");
    IOException error = assertThrows(IOException.class, () -> SequenceCounter.open(file, 10));
    assertTrue(error.getMessage().contains("corrupt"), error.getMessage());
  }
}
