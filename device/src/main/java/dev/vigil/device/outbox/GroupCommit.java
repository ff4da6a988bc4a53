package dev.vigil.device.outbox;

import java.util.ArrayList;
import java.util.List;

/**
 * What the next fsync makes durable: the records appended since the last one, and whether anything
 * (a record or an acknowledgement) was written at all. Positions are group-committed this way: one
 * fsync for all appended since the previous.
 */
final class GroupCommit {
  private boolean dirty;
  private List<OutboxRecord> unsynced = new ArrayList<>();

  void appended(OutboxRecord record) {
    dirty = true;
    unsynced.add(record);
  }

  void acknowledged() {
    dirty = true;
  }

  boolean dirty() {
    return dirty;
  }

  /** After an fsync: the records it made durable, oldest first. */
  List<OutboxRecord> committed() {
    dirty = false;
    List<OutboxRecord> durable = unsynced;
    unsynced = new ArrayList<>();
    return durable;
  }
}
