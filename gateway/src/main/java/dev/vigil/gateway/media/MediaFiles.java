package dev.vigil.gateway.media;

import dev.vigil.protocol.media.Hashes;
import dev.vigil.protocol.media.SealedMediaException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Content-addressed files: {@code objects/ab/abcdef...} named by the SHA-256 of their bytes. The
 * files are the devices' sealed recordings as received, so they are encrypted at rest to the
 * gateway's key; nothing here ever holds plaintext. The hash is checked on the way in and again on
 * every read, so a damaged or swapped file is refused, never served.
 */
public final class MediaFiles {
  private final Path objects;

  public MediaFiles(Path folder) throws IOException {
    this.objects = Files.createDirectories(folder.resolve("objects"));
  }

  public void put(String mediaId, byte[] sealed) throws IOException {
    requireHash(mediaId, sealed);
    Path target = path(mediaId);
    Files.createDirectories(target.getParent());
    Path tmp = target.resolveSibling(mediaId + ".tmp");
    Files.write(tmp, sealed);
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * The verified bytes.
   *
   * @throws SealedMediaException when the file on disk no longer hashes to its name
   */
  public byte[] read(String mediaId) throws IOException {
    byte[] sealed = Files.readAllBytes(path(mediaId));
    requireHash(mediaId, sealed);
    return sealed;
  }

  public boolean delete(String mediaId) throws IOException {
    return Files.deleteIfExists(path(mediaId));
  }

  Path path(String mediaId) {
    if (!mediaId.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a media id: " + mediaId);
    }
    return objects.resolve(mediaId.substring(0, 2)).resolve(mediaId);
  }

  private static void requireHash(String mediaId, byte[] sealed) {
    if (!Hashes.mediaId(sealed).equals(mediaId)) {
      throw new SealedMediaException("media " + mediaId + " does not match its hash");
    }
  }
}
