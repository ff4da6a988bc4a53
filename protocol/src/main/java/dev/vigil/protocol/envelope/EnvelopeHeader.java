package dev.vigil.protocol.envelope;

/**
 * The clear header of an envelope (layout in {@link Envelope}). It is authenticated with the
 * ciphertext, so none of it can be changed without the envelope failing to open.
 */
public record EnvelopeHeader(
    int version, Suite suite, int keyId, int epoch, long seq, int topicTag, int ciphertextLength) {}
