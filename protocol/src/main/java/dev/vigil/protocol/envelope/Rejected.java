package dev.vigil.protocol.envelope;

import java.util.Objects;

/** A message that was refused, with a short human-readable detail for logs. */
public record Rejected(Rejection reason, String detail) implements OpenResult {
  public Rejected {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}
