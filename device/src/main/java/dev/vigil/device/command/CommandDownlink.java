package dev.vigil.device.command;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.device.link.DownlinkKeys;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.OpenResult;
import dev.vigil.protocol.envelope.Opened;
import dev.vigil.protocol.envelope.Rejected;
import dev.vigil.protocol.pb.Command;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * Opens {@code down/cmd}: only an envelope sealed under this device's downlink key for this topic
 * counts, and only with a sequence number above the last accepted command's. The gateway numbers
 * commands from its database's increasing downlink sequence (shared by every gateway), so a copy
 * replayed by whoever can publish to the topic is refused. The last number is kept in a file, so a
 * restart does not reopen the door.
 */
public final class CommandDownlink {
  private final String topic;
  private final DownlinkKeys keys;
  private final Path seqFile;
  private long lastSeq;

  private CommandDownlink(String topic, DownlinkKeys keys, Path seqFile, long lastSeq) {
    this.topic = topic;
    this.keys = keys;
    this.seqFile = seqFile;
    this.lastSeq = lastSeq;
  }

  public static CommandDownlink open(String topic, DownlinkKeys keys, Path seqFile)
      throws IOException {
    long last = 0;
    if (Files.exists(seqFile)) {
      last = Long.parseLong(Files.readString(seqFile, StandardCharsets.US_ASCII).trim());
    }
    return new CommandDownlink(topic, keys, seqFile, last);
  }

  /** The command in {@code message}, when it is genuine, fresh and decodable. */
  public synchronized Optional<Command> open(byte[] message) {
    OpenResult result = Envelope.open(topic, message, keys::forEpoch);
    if (result instanceof Rejected rejected) {
      Logger.warn("ignored a message on {}: {} ({})", topic, rejected.reason(), rejected.detail());
      return Optional.empty();
    }
    Opened opened = (Opened) result;
    long seq = opened.header().seq();
    if (seq <= lastSeq) {
      Logger.warn("ignored a replayed command on {}: seq {} <= {}", topic, seq, lastSeq);
      return Optional.empty();
    }
    try {
      Command command = Command.parseFrom(opened.plaintext());
      remember(seq);
      return Optional.of(command);
    } catch (InvalidProtocolBufferException e) {
      Logger.warn("ignored an undecodable command on {}: {}", topic, e.getMessage());
      return Optional.empty();
    } catch (IOException e) {
      Logger.error("command on {} refused: its sequence number cannot be saved: {}", topic, e);
      return Optional.empty();
    }
  }

  private void remember(long seq) throws IOException {
    Path tmp = seqFile.resolveSibling(seqFile.getFileName() + ".new");
    Files.writeString(tmp, Long.toString(seq), StandardCharsets.US_ASCII);
    Files.move(tmp, seqFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    lastSeq = seq;
  }
}
