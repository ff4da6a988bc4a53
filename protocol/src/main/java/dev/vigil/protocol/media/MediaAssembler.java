package dev.vigil.protocol.media;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Rebuilds one sealed file from chunks in any order, repeats included, and checks it against its
 * content address when complete (pure, in memory: a sealed segment is a few hundred kilobytes).
 */
public final class MediaAssembler {
  /** The largest file accepted, so a hostile total cannot exhaust memory. */
  public static final long MAX_BYTES = 64L << 20;

  private final String mediaId;
  private final byte[] bytes;
  private final ByteRanges received = new ByteRanges();

  public MediaAssembler(String mediaId, long totalBytes) {
    this.mediaId = Objects.requireNonNull(mediaId, "mediaId");
    if (totalBytes <= 0 || totalBytes > MAX_BYTES) {
      throw new IllegalArgumentException("media size out of range: " + totalBytes);
    }
    this.bytes = new byte[(int) totalBytes];
  }

  /** Stores a chunk; refuses one that does not fit the declared size. */
  public void accept(long offset, byte[] data) {
    if (offset < 0 || offset + data.length > bytes.length) {
      throw new IllegalArgumentException(
          "chunk [" + offset + ", " + (offset + data.length) + ") outside " + bytes.length);
    }
    System.arraycopy(data, 0, bytes, (int) offset, data.length);
    received.add(offset, offset + data.length);
  }

  /** What has not arrived yet; empty when complete. */
  public List<ByteRanges.Range> missing() {
    return received.missing(bytes.length);
  }

  /**
   * The whole file, once complete and its SHA-256 equals its media id.
   *
   * @throws SealedMediaException when complete but the bytes do not hash to the media id
   * @throws IllegalStateException when ranges are still missing
   */
  public byte[] complete() {
    if (!missing().isEmpty()) {
      throw new IllegalStateException(mediaId + " still misses " + missing());
    }
    if (!Hashes.mediaId(bytes).equals(mediaId)) {
      throw new SealedMediaException("assembled bytes do not hash to " + mediaId);
    }
    return Arrays.copyOf(bytes, bytes.length);
  }
}
