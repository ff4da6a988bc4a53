package dev.vigil.device.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * An append-only journal of what the outbox declared durable, for crash tests: one line {@code
 * <seq> <LANE>} per record, written after the outbox's fsync returned, in one {@code write} per
 * batch. A harness that kills the agent compares it with what the gateway stored: every line is a
 * record the agent had promised to deliver. It is a separate file the outbox never reads, so a
 * fault in the outbox cannot hide itself here.
 *
 * <p>It is not fsynced: it witnesses {@code kill -9}, where the kernel keeps every completed write,
 * not power loss. A line therefore appears only for a record that was durable before it.
 */
public final class WitnessJournal implements OutboxSender.DurableListener, AutoCloseable {
  private final FileChannel file;

  public WitnessJournal(Path path) throws IOException {
    this.file =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  @Override
  public void durable(List<OutboxRecord> records) throws IOException {
    StringBuilder lines = new StringBuilder(records.size() * 16);
    for (OutboxRecord record : records) {
      lines.append(record.seq()).append(' ').append(record.lane()).append('\n');
    }
    ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.US_ASCII));
    while (bytes.hasRemaining()) {
      file.write(bytes);
    }
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
