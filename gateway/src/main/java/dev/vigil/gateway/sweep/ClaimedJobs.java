package dev.vigil.gateway.sweep;

import dev.vigil.gateway.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Periodic jobs shared by every gateway through the database (tables {@code scheduled_jobs} and
 * {@code job_runs}, V008). A job runs only under a claim: one conditional UPDATE that succeeds for
 * one gateway when the job is due and its lease is free or expired (PostgreSQL re-checks the
 * condition on the row a concurrent claim just committed; H2 locks the row the same way), so each
 * period runs once. Times come from the caller's clock: gateways sharing a database must keep their
 * clocks in step (NTP), which the lease (minutes) tolerates by a wide margin.
 */
public final class ClaimedJobs {
  /** How a run ended. */
  public enum Outcome {
    RUNNING,
    OK,
    FAILED,
    LEASE_LOST,
    STOPPED,
    ABANDONED
  }

  /** A claim this runner holds: its token is checked by every renewal and by the finish. */
  public record Claim(String job, String runner, String token, long runId) {}

  /** One run as the history shows it; {@code finishedAt} is empty while running (or abandoned). */
  public record Run(
      long runId,
      String job,
      String runner,
      Instant startedAt,
      Optional<Instant> finishedAt,
      long rowsAffected,
      Outcome outcome,
      String note) {}

  /** A job's schedule and current holder. */
  public record Job(
      String job, Instant nextRunAt, Optional<String> claimedBy, Optional<Instant> leaseUntil) {}

  /** Runs kept per job in the history; older ones are trimmed when a run finishes. */
  public static final int HISTORY_PER_JOB = 50;

  private final Database database;

  public ClaimedJobs(Database database) {
    this.database = database;
  }

  /** Adds the job if no gateway has yet; an existing job keeps its schedule. */
  public void register(String job, Instant firstRunAt) throws SQLException {
    update(
        "INSERT INTO scheduled_jobs (job_name, next_run_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
        job,
        utc(firstRunAt));
  }

  /**
   * Claims the job for {@code runner} when it is due at {@code now} and nobody holds a live lease;
   * the winner's run is recorded as RUNNING, and any earlier run still marked RUNNING (its runner
   * died, so its lease expired) as ABANDONED.
   */
  public Optional<Claim> claim(String job, String runner, Instant now, Duration lease)
      throws SQLException {
    String token = UUID.randomUUID().toString();
    int won =
        update(
            "UPDATE scheduled_jobs SET claimed_by = ?, claim_token = ?, lease_until = ?"
                + " WHERE job_name = ? AND next_run_at <= ?"
                + " AND (lease_until IS NULL OR lease_until < ?)",
            runner,
            token,
            utc(now.plus(lease)),
            job,
            utc(now),
            utc(now));
    if (won != 1) {
      return Optional.empty();
    }
    update(
        "UPDATE job_runs SET outcome = 'ABANDONED' WHERE job_name = ? AND outcome = 'RUNNING'",
        job);
    return Optional.of(new Claim(job, runner, token, insertRun(job, runner, token, now)));
  }

  /** Extends the lease to {@code now + lease}; false when the claim is no longer this runner's. */
  public boolean renew(Claim claim, Instant now, Duration lease) throws SQLException {
    return update(
            "UPDATE scheduled_jobs SET lease_until = ? WHERE job_name = ? AND claim_token = ?",
            utc(now.plus(lease)),
            claim.job(),
            claim.token())
        == 1;
  }

  /**
   * Ends a run: records it, and when the claim is still ours frees the lease and schedules the next
   * run. A run that lost its lease leaves the job to the runner that took it.
   */
  public void finish(
      Claim claim, Outcome outcome, long rows, String note, Instant now, Instant nextRunAt)
      throws SQLException {
    update(
        "UPDATE scheduled_jobs SET next_run_at = ?, claimed_by = NULL, claim_token = NULL,"
            + " lease_until = NULL WHERE job_name = ? AND claim_token = ?",
        utc(nextRunAt),
        claim.job(),
        claim.token());
    update(
        "UPDATE job_runs SET finished_at = ?, rows_affected = ?, outcome = ?, note = ?"
            + " WHERE run_id = ?",
        utc(now),
        rows,
        outcome.name(),
        note.length() > 1000 ? note.substring(0, 1000) : note,
        claim.runId());
    trimHistory(claim.job());
  }

  /** The newest runs of every job, newest first. */
  public List<Run> history(int limit) throws SQLException {
    List<Run> runs = new ArrayList<>();
    try (Connection c = database.connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT run_id, job_name, claimed_by, started_at, finished_at, rows_affected,"
                    + " outcome, note FROM job_runs ORDER BY run_id DESC LIMIT ?")) {
      s.setInt(1, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          runs.add(
              new Run(
                  r.getLong(1),
                  r.getString(2),
                  r.getString(3),
                  instant(r, 4),
                  Optional.ofNullable(r.getObject(5, OffsetDateTime.class))
                      .map(OffsetDateTime::toInstant),
                  r.getLong(6),
                  Outcome.valueOf(r.getString(7)),
                  Optional.ofNullable(r.getString(8)).orElse("")));
        }
      }
    }
    return runs;
  }

  /** Every job, by name. */
  public List<Job> jobs() throws SQLException {
    List<Job> jobs = new ArrayList<>();
    try (Connection c = database.connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT job_name, next_run_at, claimed_by, lease_until FROM scheduled_jobs"
                    + " ORDER BY job_name");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        jobs.add(
            new Job(
                r.getString(1),
                instant(r, 2),
                Optional.ofNullable(r.getString(3)),
                Optional.ofNullable(r.getObject(4, OffsetDateTime.class))
                    .map(OffsetDateTime::toInstant)));
      }
    }
    return jobs;
  }

  private long insertRun(String job, String runner, String token, Instant now) throws SQLException {
    try (Connection c = database.connect();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO job_runs (job_name, claimed_by, claim_token, started_at, outcome)"
                    + " VALUES (?, ?, ?, ?, 'RUNNING')",
                new String[] {"run_id"})) {
      bind(s, job, runner, token, utc(now));
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /** Keeps the newest {@link #HISTORY_PER_JOB} runs of the job. */
  private void trimHistory(String job) throws SQLException {
    try (Connection c = database.connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT run_id FROM job_runs WHERE job_name = ? ORDER BY run_id DESC"
                    + " LIMIT 1 OFFSET ?")) {
      bind(s, job, HISTORY_PER_JOB - 1);
      try (ResultSet r = s.executeQuery()) {
        if (r.next()) {
          update("DELETE FROM job_runs WHERE job_name = ? AND run_id < ?", job, r.getLong(1));
        }
      }
    }
  }

  private int update(String sql, Object... args) throws SQLException {
    try (Connection c = database.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      return s.executeUpdate();
    }
  }

  private static void bind(PreparedStatement s, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      s.setObject(i + 1, args[i]);
    }
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    return r.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
