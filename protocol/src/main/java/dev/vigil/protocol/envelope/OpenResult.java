package dev.vigil.protocol.envelope;

/** The outcome of opening an envelope: {@link Opened} or {@link Rejected}, never an exception. */
public sealed interface OpenResult permits Opened, Rejected {}
