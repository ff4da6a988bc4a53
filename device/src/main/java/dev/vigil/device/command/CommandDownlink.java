package dev.vigil.device.command;

import dev.vigil.device.link.DownlinkKeys;
import dev.vigil.device.link.SealedDownlink;
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
 * counts (checked by {@link SealedDownlink}), and only with a sequence number above the last
 * accepted command's. The gateway numbers commands from its database's increasing downlink sequence
 * (shared by every gateway), so a copy replayed by whoever can publish to the topic is refused. The
 * last number is kept in a file, so a restart does not reopen the door.
 */
public final class CommandDownlink {
  private final SealedDownlink<Command> downlink;
  private final Path seqFile;
  private long lastSeq;

  private CommandDownlink(SealedDownlink<Command> downlink, Path seqFile, long lastSeq) {
    this.downlink = downlink;
    this.seqFile = seqFile;
    this.lastSeq = lastSeq;
  }

  public static CommandDownlink open(String topic, DownlinkKeys keys, Path seqFile)
      throws IOException {
    long last = 0;
    if (Files.exists(seqFile)) {
      last = Long.parseLong(Files.readString(seqFile, StandardCharsets.US_ASCII).trim());
    }
    return new CommandDownlink(new SealedDownlink<>(topic, keys, Command.parser()), seqFile, last);
  }

  /** The command in {@code message}, when it is genuine, fresh and decodable. */
  public synchronized Optional<Command> open(byte[] message) {
    return downlink.openSealed(message).filter(this::fresh).map(SealedDownlink.Sealed::message);
  }

  /** Remembers the number of a fresh command before it is carried out. */
  private boolean fresh(SealedDownlink.Sealed<Command> command) {
    if (command.seq() <= lastSeq) {
      Logger.warn(
          "ignored a replayed command on {}: seq {} <= {}",
          downlink.topic(),
          command.seq(),
          lastSeq);
      return false;
    }
    try {
      remember(command.seq());
      return true;
    } catch (IOException e) {
      Logger.error(
          "command on {} refused: its sequence number cannot be saved: {}", downlink.topic(), e);
      return false;
    }
  }

  private void remember(long seq) throws IOException {
    Path tmp = seqFile.resolveSibling(seqFile.getFileName() + ".new");
    Files.writeString(tmp, Long.toString(seq), StandardCharsets.US_ASCII);
    Files.move(tmp, seqFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    lastSeq = seq;
  }
}
