package dev.vigil.protocol.alert;

/** Where an alert is in its life: raised, taken by an operator, closed, or passed up the chain. */
public enum AlertState {
  OPEN,
  ACKNOWLEDGED,
  RESOLVED,
  ESCALATED
}
