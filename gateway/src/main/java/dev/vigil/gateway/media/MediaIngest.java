package dev.vigil.gateway.media;

import dev.vigil.protocol.media.ByteRanges;
import dev.vigil.protocol.media.Hashes;
import dev.vigil.protocol.media.ManifestSignature;
import dev.vigil.protocol.media.MediaAssembler;
import dev.vigil.protocol.media.SealedMediaException;
import dev.vigil.protocol.pb.ByteRange;
import dev.vigil.protocol.pb.MediaChunk;
import dev.vigil.protocol.pb.MediaItem;
import dev.vigil.protocol.pb.MediaManifest;
import dev.vigil.protocol.pb.MediaRanges;
import dev.vigil.protocol.pb.MediaUp;
import dev.vigil.protocol.pb.SignedManifest;
import java.io.IOException;
import java.security.PublicKey;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.tinylog.Logger;

/**
 * Takes {@code up/media} messages. A manifest is stored (its signature checked against the device
 * key and recorded; a bad one is kept as evidence of tampering, flagged) and answered with the
 * ranges of each named file still missing. A chunk is stored once; when its file is complete the
 * bytes must hash to the media id, then the file goes to {@link MediaFiles} and the answer is an
 * empty range list, which tells the device it may release the file.
 */
public final class MediaIngest {
  /** Chunks taken in, and how many of them were already here (sent again by the device). */
  public record Counters(long chunks, long repeats, long filesStored) {}

  private final MediaRepository repository;
  private final MediaFiles files;
  private final AtomicLong chunks = new AtomicLong();
  private final AtomicLong repeats = new AtomicLong();
  private final AtomicLong stored = new AtomicLong();

  public MediaIngest(MediaRepository repository, MediaFiles files) {
    this.repository = repository;
    this.files = files;
  }

  public Counters counters() {
    return new Counters(chunks.get(), repeats.get(), stored.get());
  }

  /** Handles one message; returns the answers to send the device on down/media-ack. */
  public List<MediaRanges> handle(String deviceId, PublicKey deviceKey, MediaUp up, Instant at)
      throws SQLException, IOException {
    return switch (up.getBodyCase()) {
      case MANIFEST -> manifest(deviceId, deviceKey, up.getManifest(), at);
      case CHUNK -> chunk(deviceId, up.getChunk(), at).stream().toList();
      case BODY_NOT_SET -> List.of();
    };
  }

  private List<MediaRanges> manifest(
      String deviceId, PublicKey deviceKey, SignedManifest signed, Instant at)
      throws SQLException, IOException {
    byte[] bytes = signed.getManifest().toByteArray();
    boolean ok = ManifestSignature.verify(deviceKey, bytes, signed.getSignature().toByteArray());
    MediaManifest manifest = MediaManifest.parseFrom(bytes);
    if (!ok || !manifest.getDeviceId().equals(deviceId)) {
      Logger.warn("media manifest from {} does not verify; kept, flagged", deviceId);
      ok = false;
    }
    repository.saveManifest(
        Hashes.mediaId(bytes), deviceId, manifest.getAlarmId(), signed.toByteArray(), ok, at);
    List<MediaRanges> answers = new ArrayList<>();
    for (MediaItem item : manifest.getItemsList()) {
      repository.saveItem(deviceId, manifest.getAlarmId(), item, at);
      answers.add(missing(item.getMediaId(), item.getSealedBytes()));
    }
    return answers;
  }

  private Optional<MediaRanges> chunk(String deviceId, MediaChunk chunk, Instant at)
      throws SQLException, IOException {
    Optional<MediaRepository.Item> item = repository.item(chunk.getMediaId());
    if (item.isEmpty() || !item.get().deviceId().equals(deviceId)) {
      Logger.warn(
          "chunk of media {} not in any manifest of {}: dropped", chunk.getMediaId(), deviceId);
      return Optional.empty();
    }
    chunks.incrementAndGet();
    long end = chunk.getOffset() + chunk.getData().size();
    if (item.get().stored()) {
      repeats.incrementAndGet();
    }
    if (item.get().stored() || end > item.get().sealedBytes()) {
      return item.get().stored() ? Optional.of(missing(chunk.getMediaId(), 0)) : Optional.empty();
    }
    if (!repository.putChunk(
        chunk.getMediaId(), chunk.getOffset(), chunk.getData().toByteArray())) {
      repeats.incrementAndGet();
    }
    MediaRanges answer = missing(chunk.getMediaId(), item.get().sealedBytes());
    if (answer.getMissingCount() == 0) {
      return complete(item.get(), at);
    }
    return Optional.empty();
  }

  private Optional<MediaRanges> complete(MediaRepository.Item item, Instant at)
      throws SQLException, IOException {
    MediaAssembler assembler = new MediaAssembler(item.mediaId(), item.sealedBytes());
    for (MediaRepository.Chunk chunk : repository.chunks(item.mediaId())) {
      assembler.accept(chunk.offset(), chunk.data());
    }
    try {
      files.put(item.mediaId(), assembler.complete());
    } catch (SealedMediaException e) {
      Logger.error("media {} arrived damaged; asking for it again", item.mediaId());
      repository.deleteChunks(item.mediaId());
      return Optional.of(missing(item.mediaId(), item.sealedBytes()));
    }
    repository.markStored(item.mediaId(), at);
    stored.incrementAndGet();
    return Optional.of(MediaRanges.newBuilder().setMediaId(item.mediaId()).build());
  }

  /** The ranges of a file not yet here; none once it is stored. */
  private MediaRanges missing(String mediaId, long total) throws SQLException {
    MediaRanges.Builder answer = MediaRanges.newBuilder().setMediaId(mediaId);
    Optional<MediaRepository.Item> item = repository.item(mediaId);
    if (item.isPresent() && item.get().stored()) {
      return answer.build();
    }
    ByteRanges have = new ByteRanges();
    for (MediaRepository.Chunk chunk : repository.chunks(mediaId)) {
      have.add(chunk.offset(), chunk.offset() + chunk.data().length);
    }
    for (ByteRanges.Range gap : have.missing(total)) {
      answer.addMissing(ByteRange.newBuilder().setFrom(gap.from()).setTo(gap.to()));
    }
    return answer.build();
  }
}
