package dev.vigil.device.warning;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Signed 16-bit little-endian PCM audio, as in a canonical RIFF/WAVE file (pure). Reads the WAV
 * files {@code scripts/make-prompts} writes (format tag 1, 16 bits) and writes the same layout.
 */
public record PcmClip(int sampleRateHz, int channels, byte[] pcm) {
  private static final int BITS = 16;

  public PcmClip {
    if (sampleRateHz <= 0 || channels <= 0 || pcm.length % (2 * channels) != 0) {
      throw new IllegalArgumentException("bad PCM: " + sampleRateHz + " Hz, " + channels + " ch");
    }
  }

  /** Parses a WAV file; anything but 16-bit PCM is refused with the reason. */
  public static PcmClip fromWav(byte[] wav) {
    ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    if (wav.length < 12 || !tag(in, 0).equals("RIFF") || !tag(in, 8).equals("WAVE")) {
      throw new IllegalArgumentException("not a RIFF/WAVE file");
    }
    int rate = 0;
    int channels = 0;
    for (int at = 12; at + 8 <= wav.length; ) {
      String id = tag(in, at);
      int size = in.getInt(at + 4);
      if (size < 0 || at + 8 + (long) size > wav.length) {
        throw new IllegalArgumentException("WAV chunk " + id + " runs past the end");
      }
      if (id.equals("fmt ")) {
        if (in.getShort(at + 8) != 1 || in.getShort(at + 22) != BITS) {
          throw new IllegalArgumentException("only 16-bit PCM WAV is supported");
        }
        channels = in.getShort(at + 10);
        rate = in.getInt(at + 12);
      } else if (id.equals("data")) {
        if (rate == 0) {
          throw new IllegalArgumentException("WAV data before its format");
        }
        return new PcmClip(rate, channels, Arrays.copyOfRange(wav, at + 8, at + 8 + size));
      }
      at += 8 + size + (size & 1);
    }
    throw new IllegalArgumentException("WAV file without a data chunk");
  }

  public byte[] toWav() {
    ByteBuffer out = ByteBuffer.allocate(44 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put(ascii("RIFF")).putInt(36 + pcm.length).put(ascii("WAVE"));
    out.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) channels);
    out.putInt(sampleRateHz).putInt(sampleRateHz * channels * 2);
    out.putShort((short) (channels * 2)).putShort((short) BITS);
    out.put(ascii("data")).putInt(pcm.length).put(pcm);
    return out.array();
  }

  public long durationMs() {
    return pcm.length / (2L * channels) * 1_000 / sampleRateHz;
  }

  /** Root mean square of all samples, relative to full scale (0 = silence, 1 = full square). */
  public double rms() {
    ShortBufferView samples = new ShortBufferView(pcm);
    double sum = 0;
    for (int i = 0; i < samples.count(); i++) {
      double v = samples.get(i) / 32768.0;
      sum += v * v;
    }
    return samples.count() == 0 ? 0 : Math.sqrt(sum / samples.count());
  }

  /** The same format with {@code next}'s samples appended. */
  public PcmClip append(PcmClip next) {
    if (next.sampleRateHz != sampleRateHz || next.channels != channels) {
      throw new IllegalArgumentException("cannot join clips of different formats");
    }
    byte[] joined = Arrays.copyOf(pcm, pcm.length + next.pcm.length);
    System.arraycopy(next.pcm, 0, joined, pcm.length, next.pcm.length);
    return new PcmClip(sampleRateHz, channels, joined);
  }

  private static String tag(ByteBuffer in, int at) {
    byte[] id = new byte[4];
    in.get(at, id);
    return new String(id, StandardCharsets.US_ASCII);
  }

  private static byte[] ascii(String tag) {
    return tag.getBytes(StandardCharsets.US_ASCII);
  }

  private record ShortBufferView(byte[] pcm) {
    int count() {
      return pcm.length / 2;
    }

    short get(int i) {
      return (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8));
    }
  }
}
