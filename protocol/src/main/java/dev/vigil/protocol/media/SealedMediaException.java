package dev.vigil.protocol.media;

/** A sealed media file or evidence item that cannot be opened or does not verify. */
public final class SealedMediaException extends RuntimeException {
  public SealedMediaException(String message) {
    super(message);
  }
}
