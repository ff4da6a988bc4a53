package dev.vigil.protocol.envelope;

/** An envelope that did not open, with the reason and a detail for the log. */
public record Rejected(Rejection reason, String detail) implements OpenResult {}
