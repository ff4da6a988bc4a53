package dev.vigil.protocol.envelope;

/**
 * The decoded 28-byte envelope header (layout in {@link Envelope}). {@code keyId}, {@code epoch}
 * and {@code topicTag} are unsigned 32-bit values on the wire, held here in an int's bits.
 *
 * @param ciphertextLength bytes of ciphertext after the header, the 16-byte tag included
 */
public record EnvelopeHeader(
    int version, Suite suite, int keyId, int epoch, long seq, int topicTag, int ciphertextLength) {}
