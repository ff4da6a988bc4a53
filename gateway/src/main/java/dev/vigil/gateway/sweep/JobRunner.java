package dev.vigil.gateway.sweep;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tinylog.Logger;

/**
 * Runs periodic jobs that must happen once across all gateways ({@link ClaimedJobs}): every tick,
 * on a thread of its own (a long delete never delays the sweeper's escalations), it claims each due
 * job and runs the ones it won. Every gateway runs one; whichever claims a period runs it.
 */
public final class JobRunner implements AutoCloseable {
  /** What a job reports as it goes: each call counts rows and renews the lease. */
  public interface Progress {
    /**
     * @throws LeaseLost when another runner took the job over (this one was too slow)
     * @throws Stopping when this gateway is stopping
     */
    void record(long rows) throws SQLException;
  }

  /** One run of a job: work in bounded steps, calling {@link Progress#record} after each. */
  public interface Job {
    void run(Instant now, Progress progress) throws Exception;
  }

  /** A job, its name (the row in {@code scheduled_jobs}) and how long between runs. */
  public record Scheduled(String name, Duration interval, Job job) {}

  /** The claim was taken over after its lease ran out; the run stops where it is. */
  public static final class LeaseLost extends RuntimeException {
    public LeaseLost(String job) {
      super("lease of " + job + " was taken over");
    }
  }

  /** The gateway is stopping; the run stops and the job is due again at once for another. */
  public static final class Stopping extends RuntimeException {
    Stopping() {
      super("gateway stopping");
    }
  }

  private final ClaimedJobs jobs;
  private final String runner;
  private final Duration lease;
  private final List<Scheduled> scheduled;
  private final Clock clock;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "claimed-jobs"));

  /**
   * @param runner who runs, as the history shows it (the gateway's client id)
   * @param lease how long a claim lasts without renewal: how soon another gateway takes over a job
   *     whose runner died
   */
  public JobRunner(
      ClaimedJobs jobs, String runner, Duration lease, List<Scheduled> scheduled, Clock clock) {
    this.jobs = jobs;
    this.runner = runner;
    this.lease = lease;
    this.scheduled = List.copyOf(scheduled);
    this.clock = clock;
  }

  /** Registers the jobs (due at once when new) and looks for due ones every {@code tick}. */
  public void start(Duration tick) throws SQLException {
    for (Scheduled job : scheduled) {
      jobs.register(job.name(), clock.instant());
    }
    thread.scheduleWithFixedDelay(
        this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      runDue();
    } catch (Exception | Error e) {
      Logger.error(e, "claimed jobs: trying again next tick");
    }
  }

  /** Claims and runs every due job this runner wins; returns how many it ran. */
  public int runDue() throws SQLException {
    int ran = 0;
    for (Scheduled job : scheduled) {
      if (stopping.get()) {
        break;
      }
      var claim = jobs.claim(job.name(), runner, clock.instant(), lease);
      if (claim.isPresent()) {
        run(job, claim.get());
        ran++;
      }
    }
    return ran;
  }

  private void run(Scheduled job, ClaimedJobs.Claim claim) throws SQLException {
    Instant started = clock.instant();
    long[] rows = {0};
    Progress progress =
        count -> {
          rows[0] += count;
          if (stopping.get()) {
            throw new Stopping();
          }
          if (!jobs.renew(claim, clock.instant(), lease)) {
            throw new LeaseLost(job.name());
          }
        };
    ClaimedJobs.Outcome outcome = ClaimedJobs.Outcome.OK;
    String note = "";
    Instant next = started.plus(job.interval());
    try {
      job.job().run(started, progress);
    } catch (LeaseLost e) {
      outcome = ClaimedJobs.Outcome.LEASE_LOST;
      note = e.getMessage();
    } catch (Stopping e) {
      outcome = ClaimedJobs.Outcome.STOPPED;
      note = e.getMessage();
      next = clock.instant();
    } catch (Exception e) {
      outcome = ClaimedJobs.Outcome.FAILED;
      note = String.valueOf(e.getMessage());
      Logger.error(e, "job {} failed; it runs again in {}", job.name(), job.interval());
    }
    Instant finished = clock.instant();
    jobs.finish(claim, outcome, rows[0], note, finished, next);
    Logger.info(
        "job {} {} by {}: {} rows in {} ms",
        job.name(),
        outcome,
        runner,
        rows[0],
        Duration.between(started, finished).toMillis());
  }

  @Override
  public void close() throws InterruptedException {
    stopping.set(true);
    thread.shutdown();
    thread.awaitTermination(30, TimeUnit.SECONDS);
  }
}
