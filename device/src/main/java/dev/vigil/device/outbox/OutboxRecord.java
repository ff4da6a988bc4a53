package dev.vigil.device.outbox;

/**
 * One sealed message waiting for the gateway's end-to-end acknowledgement. It is stored sealed, so
 * a retransmission repeats the same bytes and sequence number and the gateway stores it once.
 */
public record OutboxRecord(long seq, Lane lane, String topic, byte[] envelope) {}
