package dev.vigil.device.outbox;

/** Where one waiting record sits: its segment, byte offset and entry length (header included). */
record SegmentEntry(long seq, Lane lane, String topic, int segment, long offset, int length) {}
