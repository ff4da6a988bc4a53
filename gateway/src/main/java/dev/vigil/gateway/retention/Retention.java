package dev.vigil.gateway.retention;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.gateway.media.MediaRetention;
import dev.vigil.gateway.store.Database;
import dev.vigil.gateway.sweep.ClaimedJobs;
import dev.vigil.gateway.sweep.JobRunner;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Retention on a running gateway: the claimed jobs of {@link RetentionJobs}, run by this gateway's
 * {@link JobRunner} whenever it wins a period, and their history for the operator at {@code GET
 * /api/retention} (the one route, registered by {@link #register}).
 */
public final class Retention implements AutoCloseable {
  /** How often each gateway looks for a due job: one cheap UPDATE per job. */
  public static final Duration TICK = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();
  private final ClaimedJobs jobs;
  private final JobRunner runner;
  private final Map<String, String> kept;
  private final RetentionSettings settings;

  /**
   * @param runner this gateway's name in the history (its MQTT client id, unique per gateway)
   * @param media the media sweep and its retention, when this gateway keeps evidence
   */
  public Retention(
      Database database,
      RetentionSettings settings,
      Optional<MediaRetention> media,
      Optional<Duration> mediaKeep,
      String runner,
      Clock clock) {
    this.jobs = new ClaimedJobs(database);
    this.settings = settings;
    this.kept = RetentionJobs.kept(settings, mediaKeep);
    List<JobRunner.Scheduled> scheduled =
        RetentionJobs.of(settings, new RetentionSql(database), media);
    this.runner = new JobRunner(jobs, runner, settings.lease(), scheduled, clock);
  }

  public Retention start(Duration tick) throws SQLException {
    runner.start(tick);
    return this;
  }

  /** {@code GET /api/retention?limit=N}: what is kept, each job's schedule, the newest runs. */
  public void register(Javalin app) {
    app.get("/api/retention", this::show);
  }

  private void show(Context ctx) throws Exception {
    int limit = 100;
    String raw = ctx.queryParam("limit");
    if (raw != null) {
      if (!raw.matches("\\d{1,4}") || Integer.parseInt(raw) < 1 || Integer.parseInt(raw) > 1000) {
        ctx.status(400).json(Map.of("error", "limit must be between 1 and 1000"));
        return;
      }
      limit = Integer.parseInt(raw);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kept", kept);
    body.put("intervalS", settings.interval().toSeconds());
    body.put("leaseS", settings.lease().toSeconds());
    body.put("batchRows", settings.batchRows());
    body.put("jobs", jobs.jobs().stream().map(Retention::job).toList());
    body.put("runs", jobs.history(limit).stream().map(Retention::run).toList());
    ctx.contentType("application/json").result(JSON.writeValueAsBytes(body));
  }

  private static Map<String, Object> job(ClaimedJobs.Job j) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("job", j.job());
    out.put("nextRunAt", j.nextRunAt().toString());
    out.put("claimedBy", j.claimedBy().orElse(null));
    out.put("leaseUntil", j.leaseUntil().map(Object::toString).orElse(null));
    return out;
  }

  private static Map<String, Object> run(ClaimedJobs.Run r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("runId", r.runId());
    out.put("job", r.job());
    out.put("by", r.runner());
    out.put("startedAt", r.startedAt().toString());
    out.put("finishedAt", r.finishedAt().map(Object::toString).orElse(null));
    out.put("rows", r.rowsAffected());
    out.put("outcome", r.outcome().name());
    out.put("note", r.note());
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    runner.close();
  }
}
