package dev.vigil.device.outbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The outbox's on-disk formats, byte for byte (big-endian):
 *
 * <pre>
 * seg-NNNNNNNN.log  entries: u32 bodyLength | u32 crc32c(body) | body
 *                   body:    u8 lane | u64 seq | u16 topicLength | topic (UTF-8) | envelope
 * acks.log          entries: u64 seq | u32 crc32c(seq bytes)
 * </pre>
 *
 * Pure: encodes and decodes buffers; {@link SegmentFiles}, {@link SegmentRecovery} and {@link
 * AckLog} do the I/O.
 */
final class SegmentFormat {
  static final int ENTRY_HEADER = 8;

  /** The shortest body: lane, seq and topic length, with an empty topic and envelope. */
  static final int MIN_BODY = 11;

  static final int ACK_BYTES = 12;
  static final String SEGMENT_GLOB = "seg-*.log";
  static final String ACK_FILE = "acks.log";

  private SegmentFormat() {}

  static String segmentName(int number) {
    return String.format("seg-%08d.log", number);
  }

  /** The number in a name matched by {@link #SEGMENT_GLOB}. */
  static int segmentNumber(String name) {
    return Integer.parseInt(name.substring(4, name.length() - 4));
  }

  /** A whole entry (header and body), ready to write from position 0. */
  static ByteBuffer encode(OutboxRecord record) {
    byte[] topic = record.topic().getBytes(StandardCharsets.UTF_8);
    int bodyLength = 1 + 8 + 2 + topic.length + record.envelope().length;
    ByteBuffer entry = ByteBuffer.allocate(ENTRY_HEADER + bodyLength);
    entry.putInt(bodyLength).putInt(0);
    entry.put((byte) record.lane().code()).putLong(record.seq()).putShort((short) topic.length);
    entry.put(topic).put(record.envelope());
    entry.putInt(4, crc(entry.array(), ENTRY_HEADER, bodyLength));
    entry.flip();
    return entry;
  }

  /** The record in {@code whole}, the entry {@code entry} points at, read back from its segment. */
  static OutboxRecord decode(SegmentEntry entry, ByteBuffer whole) {
    int topicLength = whole.getShort(ENTRY_HEADER + 9) & 0xFFFF;
    int envelopeStart = ENTRY_HEADER + MIN_BODY + topicLength;
    byte[] envelope = new byte[entry.length() - envelopeStart];
    whole.position(envelopeStart);
    whole.get(envelope);
    return new OutboxRecord(entry.seq(), entry.lane(), entry.topic(), envelope);
  }

  /** The topic of a body that passed its checksum. */
  static String topic(ByteBuffer body) {
    int topicLength = body.getShort(9) & 0xFFFF;
    return new String(body.array(), MIN_BODY, topicLength, StandardCharsets.UTF_8);
  }

  static void putAck(ByteBuffer into, long seq) {
    into.putLong(seq).putInt(ackCrc(seq));
  }

  static int ackCrc(long seq) {
    return crc(ByteBuffer.allocate(8).putLong(seq).array(), 0, 8);
  }

  static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }
}
