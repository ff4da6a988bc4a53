package dev.vigil.device.warning;

/** Where prompt audio goes: the cab's sound output, or a file in tests and the demo. */
public interface Speaker extends AutoCloseable {
  /** Plays the clip to the end, blocking the calling thread meanwhile. */
  void play(PcmClip clip) throws Exception;

  @Override
  default void close() {}
}
