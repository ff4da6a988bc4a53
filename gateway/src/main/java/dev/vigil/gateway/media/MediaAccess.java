package dev.vigil.gateway.media;

import dev.vigil.protocol.media.SealedMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every way a person gets at evidence, each written to the audit log first (who, when, what, why):
 * a recording opened ({@code VIEW}), a clip of one camera of an alarm ({@code CLIP}), and retention
 * decisions ({@code HOLD}, {@code DELETE}). Opening verifies the file's hash and its AEAD tag; the
 * plaintext exists only in a private temporary folder while a clip is joined, deleted at once.
 */
public final class MediaAccess {
  /** Who asks and why; both are required and recorded. */
  public record Requester(String operator, String reason) {
    public Requester {
      if (operator == null || operator.isBlank() || reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("evidence access needs an operator and a reason");
      }
    }
  }

  private final MediaRepository repository;
  private final MediaFiles files;
  private final PrivateKey gatewayKey;
  private final ClipAssembler clips;
  private final Clock clock;

  public MediaAccess(
      MediaRepository repository,
      MediaFiles files,
      PrivateKey gatewayKey,
      ClipAssembler clips,
      Clock clock) {
    this.repository = repository;
    this.files = files;
    this.gatewayKey = gatewayKey;
    this.clips = clips;
    this.clock = clock;
  }

  /** The plaintext of one recording (a snapshot JPEG or an MPEG-TS segment). */
  public byte[] view(String mediaId, Requester who) throws SQLException, IOException {
    repository.audit(clock.instant(), who.operator(), "VIEW", mediaId, who.reason());
    return SealedMedia.open(gatewayKey, files.read(mediaId));
  }

  /** One camera's segments of an alert joined into a single MPEG-TS clip. */
  public byte[] clip(String alertId, String camera, Requester who)
      throws SQLException, IOException {
    repository.audit(clock.instant(), who.operator(), "CLIP", alertId + "/" + camera, who.reason());
    List<MediaRepository.Item> segments =
        repository.itemsOfAlert(alertId).stream()
            .filter(i -> i.source().equals(camera) && i.kind() == 1 && i.stored())
            .sorted(Comparator.comparingLong(MediaRepository.Item::startMs))
            .toList();
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("no stored segments of " + camera + " for " + alertId);
    }
    Path work = Files.createTempDirectory("vigil-clip");
    try {
      List<Path> parts = new ArrayList<>();
      for (MediaRepository.Item item : segments) {
        parts.add(Files.write(work.resolve(item.mediaId() + ".ts"), open(item.mediaId())));
      }
      Path clip = work.resolve("clip.ts");
      clips.concat(parts, clip);
      return Files.readAllBytes(clip);
    } finally {
      deleteTree(work);
    }
  }

  private byte[] open(String mediaId) throws IOException {
    return SealedMedia.open(gatewayKey, files.read(mediaId));
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
