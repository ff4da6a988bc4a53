package dev.vigil.device.evidence;

import com.google.protobuf.ByteString;
import dev.vigil.protocol.media.ByteRanges;
import dev.vigil.protocol.pb.ByteRange;
import dev.vigil.protocol.pb.MediaChunk;
import dev.vigil.protocol.pb.MediaRanges;
import dev.vigil.protocol.pb.MediaUp;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * Sends evidence up as {@code MediaUp} messages: each manifest at once, then the named files in
 * chunks as the bandwidth cap allows, urgent evidence (snapshots) ahead of segments. The gateway
 * answers with the ranges of a file it still lacks ({@link #ranges}); only those are sent, minus
 * what this run has already queued (the outbox delivers those). After a restart the uploader knows
 * nothing, and the gateway's ranges alone say what to send: nothing that arrived is sent again.
 * When the gateway reports a file complete, its vault lock is released.
 */
public final class MediaUploader {
  /** Where a serialized {@code MediaUp} goes: sealed on up/media into the outbox's MEDIA lane. */
  public interface Sink {
    void send(byte[] mediaUp) throws IOException;
  }

  /** Chunk size (an envelope holds at most 65,519 bytes) and the cap. */
  public record Settings(int chunkBytes, long bytesPerS, long burstBytes) {}

  /** One file being sent; its bytes stay on the SD card and are read chunk by chunk. */
  private record Upload(
      VaultEntry entry, String mediaId, long size, ByteRanges queued, Deque<long[]> todo) {}

  private final SegmentVault vault;
  private final Sink sink;
  private final Settings settings;
  private final TokenBucket bucket;
  private final Deque<String> order = new ArrayDeque<>();
  private final Map<String, Upload> uploads = new HashMap<>();

  public MediaUploader(SegmentVault vault, Sink sink, Settings settings, long nowNanos) {
    this.vault = vault;
    this.sink = sink;
    this.settings = settings;
    this.bucket = new TokenBucket(settings.bytesPerS(), settings.burstBytes(), nowNanos);
  }

  /** Sends the manifest now and queues its files. */
  public synchronized void submit(Evidence evidence) throws IOException {
    sink.send(MediaUp.newBuilder().setManifest(evidence.manifest()).build().toByteArray());
    List<VaultEntry> files = evidence.files();
    for (int i = files.size() - 1; i >= 0 && evidence.urgent(); i--) {
      queue(files.get(i), true);
    }
    for (int i = 0; i < files.size() && !evidence.urgent(); i++) {
      queue(files.get(i), false);
    }
  }

  /** The gateway's view of one file: what it lacks, or nothing (then the lock is released). */
  public synchronized void ranges(MediaRanges ranges) throws IOException {
    Optional<Upload> upload = find(ranges.getMediaId());
    if (upload.isEmpty()) {
      Logger.warn("gateway asks for unknown media {}", ranges.getMediaId());
      return;
    }
    Upload u = upload.get();
    u.todo().clear();
    if (ranges.getMissingCount() == 0) {
      uploads.remove(ranges.getMediaId());
      order.remove(ranges.getMediaId());
      vault.confirmed(List.of(u.entry().fileName()));
      return;
    }
    for (ByteRange range : ranges.getMissingList()) {
      for (ByteRanges.Range gap : u.queued().missing(u.size())) {
        long from = Math.max(gap.from(), range.getFrom());
        long to = Math.min(gap.to(), range.getTo());
        if (from < to) {
          u.todo().add(new long[] {from, to});
        }
      }
    }
  }

  /** Sends the chunks the cap allows now; returns the bytes sent. */
  public synchronized long pump(long nowNanos) throws IOException {
    long sent = 0;
    while (!order.isEmpty()) {
      Upload u = uploads.get(order.peekFirst());
      if (u.todo().isEmpty()) {
        order.addLast(order.removeFirst());
        if (allIdle()) {
          break;
        }
        continue;
      }
      long[] range = u.todo().peekFirst();
      int length = (int) Math.min(settings.chunkBytes(), range[1] - range[0]);
      if (!bucket.take(length, nowNanos)) {
        break;
      }
      send(u, range[0], length);
      sent += length;
      range[0] += length;
      if (range[0] >= range[1]) {
        u.todo().removeFirst();
      }
    }
    return sent;
  }

  private void send(Upload u, long offset, int length) throws IOException {
    byte[] data = vault.read(u.entry(), offset, length);
    MediaChunk chunk =
        MediaChunk.newBuilder()
            .setMediaId(u.mediaId())
            .setOffset(offset)
            .setTotalBytes(u.size())
            .setData(ByteString.copyFrom(data))
            .build();
    sink.send(MediaUp.newBuilder().setChunk(chunk).build().toByteArray());
    u.queued().add(offset, offset + length);
  }

  private boolean allIdle() {
    return uploads.values().stream().allMatch(u -> u.todo().isEmpty());
  }

  private void queue(VaultEntry entry, boolean first) throws IOException {
    String mediaId = vault.mediaId(entry);
    if (uploads.containsKey(mediaId)) {
      return;
    }
    Deque<long[]> todo = new ArrayDeque<>();
    todo.add(new long[] {0, entry.sealedBytes()});
    uploads.put(mediaId, new Upload(entry, mediaId, entry.sealedBytes(), new ByteRanges(), todo));
    if (first) {
      order.addFirst(mediaId);
    } else {
      order.addLast(mediaId);
    }
  }

  /** A queued upload, or after a restart a locked vault file with this content address. */
  private Optional<Upload> find(String mediaId) throws IOException {
    if (uploads.containsKey(mediaId)) {
      return Optional.of(uploads.get(mediaId));
    }
    for (VaultEntry entry : vault.locked()) {
      if (vault.mediaId(entry).equals(mediaId)) {
        uploads.put(
            mediaId,
            new Upload(entry, mediaId, entry.sealedBytes(), new ByteRanges(), new ArrayDeque<>()));
        order.addLast(mediaId);
        return Optional.of(uploads.get(mediaId));
      }
    }
    return Optional.empty();
  }
}
