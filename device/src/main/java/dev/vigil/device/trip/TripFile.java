package dev.vigil.device.trip;

import dev.vigil.protocol.pb.SavedTrip;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The saved trip on disk ({@code current.pb}, a binary {@link SavedTrip}). A write goes to a
 * temporary file, is forced to the card, renamed over the old one, and the folder is forced too: a
 * power cut leaves either the old trip or the new one, never half of either.
 */
public final class TripFile {
  private final Path folder;
  private final Path file;

  public TripFile(Path folder) throws IOException {
    this.folder = Files.createDirectories(folder);
    this.file = folder.resolve("current.pb");
  }

  public Optional<SavedTrip> load() throws IOException {
    try {
      return Optional.of(SavedTrip.parseFrom(Files.readAllBytes(file)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  public void save(SavedTrip saved) throws IOException {
    Path temp = folder.resolve("current.pb.tmp");
    try (FileChannel out =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer bytes = ByteBuffer.wrap(saved.toByteArray());
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      out.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true); // makes the rename itself durable (Linux; a no-op where unsupported)
    }
  }
}
