package dev.vigil.protocol.envelope;

/** An authenticated envelope: its header and the decrypted plaintext. */
public record Opened(EnvelopeHeader header, byte[] plaintext) implements OpenResult {}
