package dev.vigil.gateway.retention;

import java.time.Duration;

/**
 * How long each kind of data is kept ({@link Duration#ZERO}: for ever), and how the retention jobs
 * run. Media keeps its own setting ({@code media.retention-h}) and is swept by the same runner.
 *
 * @param interval time between two runs of each job (across all gateways)
 * @param lease how long a claim lasts unrenewed: how soon another gateway takes a job over whose
 *     runner died
 * @param batchRows most rows one delete statement removes (one short transaction each), so a large
 *     backlog never holds long locks
 */
public record RetentionSettings(
    Duration positions,
    Duration health,
    Duration events,
    Duration resolvedAlerts,
    Duration trips,
    Duration interval,
    Duration lease,
    int batchRows) {}
