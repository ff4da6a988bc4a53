package dev.vigil.gateway.registry;

import dev.vigil.gateway.enrol.FleetCa;
import dev.vigil.gateway.ingest.Ingest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * Acts on revocations made anywhere (the {@code vigil-gateway revoke} command, another gateway):
 * polls the registry, and for each newly revoked device forgets its cached key (so ingest drops its
 * messages from then on), disconnects it from the embedded broker and rewrites the CRL.
 */
public final class RevocationWatch implements AutoCloseable {
  private final DeviceRegistry registry;
  private final FleetCa ca;
  private final Ingest ingest;
  private final Consumer<String> disconnect;
  private final Clock clock;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "revocation-watch"));
  private Instant since;

  public RevocationWatch(
      DeviceRegistry registry,
      FleetCa ca,
      Ingest ingest,
      Consumer<String> disconnect,
      Clock clock) {
    this.registry = registry;
    this.ca = ca;
    this.ingest = ingest;
    this.disconnect = disconnect;
    this.clock = clock;
    this.since = clock.instant();
  }

  public RevocationWatch start(Duration every) {
    timer.scheduleWithFixedDelay(this::poll, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  void poll() {
    try {
      // Overlap by a minute: clocks of other writers may lag; acting twice is harmless.
      Instant now = clock.instant();
      List<String> revoked = registry.revokedSince(since.minus(Duration.ofMinutes(1)));
      since = now;
      for (String deviceId : revoked) {
        ingest.forgetDevice(deviceId);
        disconnect.accept(deviceId);
      }
      if (!revoked.isEmpty()) {
        ca.writeCrl(registry.revokedSerials());
      }
    } catch (Exception e) {
      Logger.warn("revocation check failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
