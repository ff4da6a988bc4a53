package dev.vigil.gateway.media;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes evidence older than the retention (72 h by default) unless it is under legal hold
 * (attached to an incident). Run by the claimed retention job ({@code retention} package), so one
 * gateway sweeps at a time. Deletion covers every copy the gateway keeps: the file, any chunks
 * still waiting, and the item row; the audit log records it.
 */
public final class MediaRetention {
  private final MediaRepository repository;
  private final MediaFiles files;
  private final Duration retention;

  public MediaRetention(MediaRepository repository, MediaFiles files, Duration retention) {
    this.repository = repository;
    this.files = files;
    this.retention = retention;
  }

  /** Puts every recording of an alert under legal hold, recorded in the audit log. */
  public int hold(String alertId, MediaAccess.Requester who, Instant now) throws SQLException {
    repository.audit(now, who.operator(), "HOLD", alertId, who.reason());
    return repository.hold(alertId);
  }

  /** Deletes what has expired at {@code now}; returns how many recordings went. */
  public int sweep(Instant now) throws SQLException, IOException {
    int deleted = 0;
    int batch;
    do {
      batch = sweep(now, 500);
      deleted += batch;
    } while (batch == 500);
    return deleted;
  }

  /**
   * Deletes at most {@code limit} of the oldest recordings expired at {@code now} (the retention
   * job calls it batch by batch, renewing its lease between); returns how many went.
   */
  public int sweep(Instant now, int limit) throws SQLException, IOException {
    int deleted = 0;
    for (MediaRepository.Item item : repository.expired(now.minus(retention), limit)) {
      files.delete(item.mediaId());
      repository.delete(item.mediaId());
      repository.audit(now, "retention", "DELETE", item.mediaId(), "older than " + retention);
      deleted++;
    }
    return deleted;
  }
}
