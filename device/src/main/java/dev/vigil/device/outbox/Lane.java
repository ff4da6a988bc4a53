package dev.vigil.device.outbox;

/**
 * Outbox priority lanes, most urgent first: the sender always drains a higher lane before a lower
 * one, FIFO inside a lane. Positions are the only lane that may be thinned when the disk budget is
 * full; no alarm is ever dropped.
 */
public enum Lane {
  PANIC,
  ALARM,
  EVENT,
  HEALTH,
  POSITION
}
