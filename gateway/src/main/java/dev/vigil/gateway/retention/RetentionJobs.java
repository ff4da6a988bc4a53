package dev.vigil.gateway.retention;

import dev.vigil.gateway.media.MediaRetention;
import dev.vigil.gateway.sweep.JobRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * One claimed job per kind of data (named {@code retention.<kind>} in {@code scheduled_jobs}); a
 * kind kept for ever has no job. Media keeps its own retention ({@code media.retention-h}, legal
 * holds) and is deleted file by file, in smaller batches.
 */
public final class RetentionJobs {
  /** Most recordings one media batch deletes: each is a file and three rows. */
  static final int MEDIA_BATCH = 100;

  private RetentionJobs() {}

  /** The kinds and how long each is kept, for the operator. */
  public static Map<String, String> kept(RetentionSettings s, Optional<Duration> media) {
    Map<String, String> kept = new LinkedHashMap<>();
    kept.put("positions", Cutoffs.describe(s.positions(), false));
    kept.put("health", Cutoffs.describe(s.health(), false));
    kept.put("events", Cutoffs.describe(s.events(), false));
    kept.put("resolved-alerts", Cutoffs.describe(s.resolvedAlerts(), false));
    kept.put("trips", Cutoffs.describe(s.trips(), false));
    media.ifPresent(keep -> kept.put("media", Cutoffs.describe(keep, true)));
    return kept;
  }

  public static List<JobRunner.Scheduled> of(
      RetentionSettings s, RetentionSql sql, Optional<MediaRetention> media) {
    List<JobRunner.Scheduled> jobs = new ArrayList<>();
    add(jobs, s, "positions", s.positions(), (cutoff, limit) -> sql.positions(cutoff, limit));
    add(jobs, s, "health", s.health(), (cutoff, limit) -> sql.health(cutoff, limit));
    add(jobs, s, "events", s.events(), (cutoff, limit) -> sql.events(cutoff, limit));
    add(jobs, s, "trips", s.trips(), (cutoff, limit) -> sql.trips(cutoff, limit));
    if (!s.resolvedAlerts().isZero()) {
      jobs.add(
          new JobRunner.Scheduled(
              "retention.resolved-alerts",
              s.interval(),
              (now, progress) ->
                  Cutoffs.drain(
                      limit ->
                          sql.resolvedAlerts(
                              Cutoffs.cutoff(now, s.resolvedAlerts()).orElseThrow(),
                              Math.min(limit, 1_000)),
                      Math.min(s.batchRows(), 1_000),
                      progress)));
    }
    media.ifPresent(
        retention ->
            jobs.add(
                new JobRunner.Scheduled(
                    "retention.media",
                    s.interval(),
                    (now, progress) ->
                        Cutoffs.drain(
                            limit -> Cutoffs.Batch.ofRows(retention.sweep(now, limit)),
                            MEDIA_BATCH,
                            progress))));
    return jobs;
  }

  /** A plain table: rows older than the cutoff go, {@code batchRows} at a time. */
  private interface TableDelete {
    int delete(Instant cutoff, int limit) throws Exception;
  }

  private static void add(
      List<JobRunner.Scheduled> jobs,
      RetentionSettings s,
      String kind,
      Duration keep,
      TableDelete delete) {
    if (keep.isZero()) {
      Logger.info("retention: {} kept for ever (no job)", kind);
      return;
    }
    jobs.add(
        new JobRunner.Scheduled(
            "retention." + kind,
            s.interval(),
            (now, progress) -> {
              var cutoff = Cutoffs.cutoff(now, keep).orElseThrow();
              Cutoffs.drain(
                  limit -> Cutoffs.Batch.ofRows(delete.delete(cutoff, limit)),
                  s.batchRows(),
                  progress);
            }));
  }
}
