package dev.vigil.protocol.envelope;

/** An authentic message: its header, and the plaintext that was sealed under it. */
public record Opened(EnvelopeHeader header, byte[] plaintext) implements OpenResult {}
