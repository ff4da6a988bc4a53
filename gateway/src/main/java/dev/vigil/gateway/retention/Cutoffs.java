package dev.vigil.gateway.retention;

import dev.vigil.gateway.sweep.JobRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The pure parts of retention: which rows are old enough, and deleting them batch by batch. */
public final class Cutoffs {
  private Cutoffs() {}

  /**
   * One bounded delete: picks at most {@code limit} items (rows, or alerts with their rows) and
   * returns how many it picked and how many rows it removed.
   */
  public interface BatchDelete {
    Batch next(int limit) throws Exception;
  }

  /** What one batch did: items picked (fewer than the limit: nothing older is left) and rows. */
  public record Batch(int picked, long rows) {
    /** A batch of a plain table, where each item picked is one row removed. */
    public static Batch ofRows(int rows) {
      return new Batch(rows, rows);
    }
  }

  /**
   * Rows older than the returned instant go; empty when {@code keep} is zero (kept for ever).
   *
   * @throws IllegalArgumentException for a negative {@code keep}
   */
  public static Optional<Instant> cutoff(Instant now, Duration keep) {
    if (keep.isNegative()) {
      throw new IllegalArgumentException("a retention cannot be negative: " + keep);
    }
    return keep.isZero() ? Optional.empty() : Optional.of(now.minus(keep));
  }

  /**
   * Deletes batch after batch until one picks fewer than {@code batchRows}, reporting each batch
   * (which renews the job's lease and stops the run when the lease was lost or the gateway is
   * stopping).
   */
  public static void drain(BatchDelete delete, int batchRows, JobRunner.Progress progress)
      throws Exception {
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be at least 1: " + batchRows);
    }
    Batch batch;
    do {
      batch = delete.next(batchRows);
      progress.record(batch.rows());
    } while (batch.picked() >= batchRows);
  }

  /** A retention as the operator set it: whole days ({@code 90d}), media in hours ({@code 72h}). */
  static String describe(Duration keep, boolean hours) {
    if (keep.isZero()) {
      return "forever";
    }
    return hours ? keep.toHours() + "h" : keep.toDays() + "d";
  }
}
