package dev.vigil.gateway.desk;

import dev.vigil.gateway.alerts.Resolution;

/** What the operator asked the desk to do. */
public sealed interface DeskCommand {
  /** "I am on it": acknowledge the alert, with an optional note (empty, never null). */
  record Ack(String alertId, String note) implements DeskCommand {}

  /** "It is over": resolve the alert for {@code reason}, with a note (empty, never null). */
  record Resolve(String alertId, Resolution reason, String note) implements DeskCommand {}

  /** Print the alerts on the desk now (plain mode). */
  record ListAlerts() implements DeskCommand {}

  /** Leave the desk. */
  record Quit() implements DeskCommand {}
}
