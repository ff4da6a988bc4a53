package dev.vigil.gateway.desk;

import dev.vigil.gateway.alerts.Resolution;

/** What the desk is asking the operator for, between a key like {@code a} and the command. */
public sealed interface Prompt {
  /** Nothing: keys move the cursor and start commands. */
  record None() implements Prompt {}

  /** The note for acknowledging {@code alertId}, typed so far. */
  record AckNote(String alertId, String text) implements Prompt {}

  /** The reason for resolving {@code alertId}: a digit picks one of {@link #REASONS}. */
  record ResolveReason(String alertId) implements Prompt {}

  /** The note for resolving {@code alertId} for {@code reason}, typed so far. */
  record ResolveNote(String alertId, Resolution reason, String text) implements Prompt {}

  Prompt NONE = new None();

  /** The reasons an operator may choose, in the order the digits 1.. pick them. */
  java.util.List<Resolution> REASONS =
      java.util.Arrays.stream(Resolution.values())
          .filter(r -> r != Resolution.BACK_ONLINE)
          .toList();
}
