package dev.vigil.device.outbox;

/**
 * Outbox priority lanes, most urgent first: the sender always drains a higher lane before a lower
 * one, FIFO inside a lane. Positions are the only lane that may be thinned when the disk budget is
 * full; no alarm is ever dropped. MEDIA (evidence chunks and manifests) sits below every report and
 * above positions. The lane's ordinal is stored in the outbox log: add lanes only with care.
 */
public enum Lane {
  PANIC,
  ALARM,
  EVENT,
  HEALTH,
  MEDIA,
  POSITION
}
