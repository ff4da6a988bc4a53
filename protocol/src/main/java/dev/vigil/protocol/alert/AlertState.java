package dev.vigil.protocol.alert;

/** Where an alert is in its handling. */
public enum AlertState {
  OPEN,
  ACKNOWLEDGED,
  RESOLVED,
  ESCALATED
}
