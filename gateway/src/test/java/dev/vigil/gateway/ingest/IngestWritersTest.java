package dev.vigil.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.protocol.Topics;
import dev.vigil.protocol.UpKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class IngestWritersTest {
  @Test
  void everyMessageOfADeviceGoesToTheSameWriter() {
    for (int d = 0; d < 50; d++) {
      String id = "veh-" + d;
      int writer = Ingest.writerOf(Topics.up(id, UpKind.POS), 3);
      for (UpKind kind : UpKind.values()) {
        assertEquals(writer, Ingest.writerOf(Topics.up(id, kind), 3), id + " " + kind);
      }
    }
  }

  @Test
  void devicesAreSpreadOverAllWriters() {
    int[] perWriter = new int[4];
    for (int d = 0; d < 400; d++) {
      int writer = Ingest.writerOf(Topics.up("bench-mwtg8ke3-" + d, UpKind.POS), 4);
      assertTrue(writer >= 0 && writer < 4, "writer " + writer);
      perWriter[writer]++;
    }
    for (int count : perWriter) {
      // An even share is 100; a hash that left one writer idle or overloaded would show here.
      assertTrue(count > 60 && count < 140, java.util.Arrays.toString(perWriter));
    }
  }

  @Test
  void oneWriterOrATopicWithoutADeviceGoesToTheFirst() {
    assertEquals(0, Ingest.writerOf(Topics.up("veh-7", UpKind.POS), 1));
    assertEquals(0, Ingest.writerOf("not/a/vigil/topic", 4));
  }
}
