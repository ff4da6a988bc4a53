package dev.vigil.protocol.media;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The clear, authenticated header of a sealed recording (see {@link SealedMedia} for the layout).
 *
 * @param source camera or microphone name, 1..255 bytes of UTF-8
 */
public record MediaHeader(
    Kind kind,
    long startMs,
    int durationMs,
    byte[] plaintextSha256,
    int plaintextBytes,
    String source,
    String deviceId) {

  /** What the recording is; the id is the wire byte and the protobuf MediaKind number. */
  public enum Kind {
    VIDEO_SEGMENT(1),
    AUDIO_SEGMENT(2),
    SNAPSHOT(3);

    private final int id;

    Kind(int id) {
      this.id = id;
    }

    public int id() {
      return id;
    }

    static Kind byId(int id) {
      for (Kind kind : values()) {
        if (kind.id == id) {
          return kind;
        }
      }
      throw new SealedMediaException("unknown media kind " + id);
    }
  }

  public MediaHeader {
    Objects.requireNonNull(kind, "kind");
    if (plaintextSha256.length != 32) {
      throw new IllegalArgumentException("plaintextSha256 must be 32 bytes");
    }
    plaintextSha256 = plaintextSha256.clone();
    Codec.checkShort("source", source);
    Codec.checkShort("deviceId", deviceId);
  }

  /** A header describing {@code plaintext}. */
  public static MediaHeader of(
      Kind kind, long startMs, int durationMs, byte[] plaintext, String source, String deviceId) {
    return new MediaHeader(
        kind, startMs, durationMs, Hashes.sha256(plaintext), plaintext.length, source, deviceId);
  }

  @Override
  public byte[] plaintextSha256() {
    return plaintextSha256.clone();
  }

  /** Writes and reads the clear part of a sealed file. */
  static final class Codec {
    private Codec() {}

    record Decoded(MediaHeader header, byte[] ephemeralDer, byte[] nonce, int clearBytes) {}

    static byte[] encode(MediaHeader h, byte[] ephemeralDer, byte[] nonce) {
      byte[] source = h.source().getBytes(StandardCharsets.UTF_8);
      byte[] device = h.deviceId().getBytes(StandardCharsets.UTF_8);
      ByteBuffer out =
          ByteBuffer.allocate(56 + source.length + device.length + ephemeralDer.length + 12);
      out.put(SealedMedia.MAGIC).put((byte) h.kind().id()).putLong(h.startMs());
      out.putInt(h.durationMs()).put(h.plaintextSha256).putInt(h.plaintextBytes());
      out.put((byte) source.length).put(source).put((byte) device.length).put(device);
      out.put((byte) ephemeralDer.length).put(ephemeralDer).put(nonce);
      return Arrays.copyOf(out.array(), out.position());
    }

    static Decoded decode(ByteBuffer in) {
      try {
        byte[] magic = bytes(in, 4);
        if (!Arrays.equals(magic, SealedMedia.MAGIC)) {
          throw new SealedMediaException("not a sealed media file (bad magic)");
        }
        Kind kind = Kind.byId(in.get() & 0xFF);
        long startMs = in.getLong();
        int durationMs = in.getInt();
        byte[] sha = bytes(in, 32);
        int length = in.getInt();
        String source = new String(bytes(in, in.get() & 0xFF), StandardCharsets.UTF_8);
        String device = new String(bytes(in, in.get() & 0xFF), StandardCharsets.UTF_8);
        byte[] ephemeral = bytes(in, in.get() & 0xFF);
        byte[] nonce = bytes(in, 12);
        MediaHeader header =
            new MediaHeader(kind, startMs, durationMs, sha, length, source, device);
        return new Decoded(header, ephemeral, nonce, in.position());
      } catch (BufferUnderflowException | IllegalArgumentException e) {
        throw new SealedMediaException("sealed media header is truncated or malformed");
      }
    }

    static void checkShort(String name, String value) {
      int n = value.getBytes(StandardCharsets.UTF_8).length;
      if (n == 0 || n > 255) {
        throw new IllegalArgumentException(name + " must be 1..255 bytes: " + value);
      }
    }

    private static byte[] bytes(ByteBuffer in, int n) {
      byte[] out = new byte[n];
      in.get(out);
      return out;
    }
  }
}
