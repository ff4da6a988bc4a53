package dev.vigil.gateway.alerts;

import dev.vigil.protocol.alert.ControlAlert;

/** What the lifecycle made of a request: a change to store and publish, nothing, or a refusal. */
public sealed interface Step {
  /** The alert moved: store {@code alert} and {@code change} together, then publish. */
  record Changed(ControlAlert alert, AlertChange change) implements Step {}

  /** Already so (a redelivered acknowledgement, say): nothing to store, nothing to publish. */
  record Unchanged(ControlAlert alert) implements Step {}

  /** Not allowed in the alert's state (resolving twice differently, acknowledging a closed one). */
  record Refused(String reason) implements Step {}
}
