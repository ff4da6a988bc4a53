package dev.vigil.protocol.envelope;

/** What {@link Envelope#open} made of a message: its plaintext, or why it was refused. */
public sealed interface OpenResult permits Opened, Rejected {}
