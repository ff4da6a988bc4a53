package dev.vigil.gateway.operators;

import io.javalin.http.Context;
import java.util.Optional;

/** The authenticated operator behind an HTTP request, as {@link AccessCheck} found it. */
public record Caller(String name, Role role) {
  static final String ATTRIBUTE = "vigil.caller";

  /** The caller of a request that passed the access check; empty on a public route. */
  public static Optional<Caller> of(Context ctx) {
    return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
  }
}
