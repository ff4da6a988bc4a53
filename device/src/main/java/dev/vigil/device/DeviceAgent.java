package dev.vigil.device;

import dev.vigil.device.button.ButtonListener;
import dev.vigil.device.button.PanicButton;
import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.gps.GnssListener;
import dev.vigil.device.gps.GnssSource;
import dev.vigil.device.link.SealedUplink;
import dev.vigil.device.link.WireMessages;
import dev.vigil.device.outbox.Lane;
import dev.vigil.device.outbox.OutboxSender;
import dev.vigil.device.safety.PanicAlarms;
import dev.vigil.device.safety.SafetyEngine;
import dev.vigil.device.safety.TripPlan;
import dev.vigil.device.trip.CurrentTrip;
import dev.vigil.protocol.UpKind;
import dev.vigil.protocol.pb.Alarm;
import dev.vigil.protocol.pb.Trip;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.tinylog.Logger;

/**
 * What the agent does with its inputs: keeps the latest fix, reports a position every interval,
 * turns a panic press into a PANIC alarm sent at once, on the button's own thread, ahead of
 * anything scheduled, carrying the current trip's id (a panic is silent in the cab), and feeds
 * fixes, button faults, trips and a once-a-second tick to the safety engine (whose alarms and
 * events reach the outbox through its own output).
 */
public final class DeviceAgent implements GnssListener, ButtonListener, AutoCloseable {
  private final SealedUplink uplink;
  private final OutboxSender outbox;
  private final PanicAlarms panics;
  private final CurrentTrip trip;
  private final Duration positionInterval;
  private final SafetyEngine safety;
  private final Clock clock;
  private final double defaultCorridorM;
  private final double defaultPlaceRadiusM;
  private final boolean safetyOnInputs;
  private final AtomicReference<GnssFix> latest = new AtomicReference<>();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "position-reporter");
            thread.setDaemon(true);
            return thread;
          });
  private GnssFix lastSent;
  private volatile long lastFixNanos;

  /**
   * What the agent needs besides the uplink and the outbox.
   *
   * @param safetyOnInputs false when fixes do not come in real time (a recording replayed faster
   *     than it was driven): speeds, durations and rates would all be wrong, so the detectors are
   *     not fed rather than fed nonsense
   */
  public record Settings(
      Duration positionInterval,
      double defaultCorridorM,
      double defaultPlaceRadiusM,
      boolean safetyOnInputs) {}

  public DeviceAgent(
      SealedUplink uplink,
      OutboxSender outbox,
      PanicAlarms panics,
      CurrentTrip trip,
      SafetyEngine safety,
      Clock clock,
      Settings settings) {
    this.uplink = uplink;
    this.outbox = outbox;
    this.panics = panics;
    this.trip = trip;
    this.safety = safety;
    this.clock = clock;
    this.positionInterval = settings.positionInterval();
    this.defaultCorridorM = settings.defaultCorridorM();
    this.defaultPlaceRadiusM = settings.defaultPlaceRadiusM();
    this.safetyOnInputs = settings.safetyOnInputs();
  }

  public void start(GnssSource gnss, PanicButton button) {
    uplink.warmUp(
        new PanicAlarms("warm-up")
            .press(Instant.EPOCH, Optional.empty(), Optional.empty())
            .toByteArray());
    gnss.start(this);
    button.start(this);
    long periodMs = positionInterval.toMillis();
    scheduler.scheduleAtFixedRate(this::reportPosition, periodMs, periodMs, TimeUnit.MILLISECONDS);
    scheduler.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  @Override
  public void onFix(GnssFix fix) {
    latest.set(fix);
    lastFixNanos = System.nanoTime();
    if (!safetyOnInputs) {
      return;
    }
    try {
      safety.onFix(fix);
    } catch (RuntimeException e) {
      Logger.error(e, "safety engine failed on fix {}", fix.fixTime());
    }
  }

  /**
   * The current trip changed (pushed on {@code down/trip}, or restored at start): the safety engine
   * follows it. An empty trip id or an ended trip ends the current one; a trip whose coordinates
   * the detectors cannot use is logged and ends it too.
   */
  public void onTripChanged(Optional<Trip> current) {
    if (current.isEmpty()
        || current.get().getTripId().isEmpty()
        || current.get().getEndedAtMs() != 0) {
      safety.endTrip();
      return;
    }
    try {
      safety.startTrip(
          TripPlan.from(current.get(), defaultCorridorM, defaultPlaceRadiusM), clock.instant());
    } catch (IllegalArgumentException e) {
      Logger.error("trip {} not watched: {}", current.get().getTripId(), e.getMessage());
      safety.endTrip();
    }
  }

  /** The safety engine, for inputs wired elsewhere (IMU samples, ignition, power cuts). */
  public SafetyEngine safety() {
    return safety;
  }

  private void tick() {
    if (!safetyOnInputs) {
      return;
    }
    try {
      safety.onTick(clock.instant());
    } catch (RuntimeException e) {
      Logger.error(e, "safety engine failed on tick");
    }
  }

  /** Whether a fix arrived in the last five seconds (receivers send one a second or faster). */
  public boolean gnssOk() {
    return latest.get() != null && System.nanoTime() - lastFixNanos < 5_000_000_000L;
  }

  @Override
  public void onLost(String reason) {
    Logger.warn("GNSS lost: {}", reason);
  }

  @Override
  public void onRecovered() {
    Logger.info("GNSS recovered");
  }

  @Override
  public void onPress(Instant at) {
    Alarm alarm = panics.press(at, Optional.ofNullable(latest.get()), trip.tripId());
    Logger.warn("PANIC pressed at {}: sending alarm {}", at, alarm.getAlarmId());
    try {
      outbox.sendNow(uplink.seal(UpKind.ALARM, Lane.PANIC, alarm.toByteArray()));
    } catch (IOException | RuntimeException e) {
      // The sequence counter or the outbox could not write: the alarm may still have gone out.
      Logger.error(e, "panic alarm {} could not be recorded", alarm.getAlarmId());
    }
  }

  @Override
  public void onFault(String fault) {
    Logger.error("panic button fault: {}", fault);
    safety.onButtonFault(fault, clock.instant());
  }

  private void reportPosition() {
    GnssFix fix = latest.get();
    if (fix == null || fix == lastSent) {
      return;
    }
    lastSent = fix;
    try {
      outbox.record(
          uplink.seal(UpKind.POS, Lane.POSITION, WireMessages.position(fix).toByteArray()));
    } catch (IOException | RuntimeException e) {
      Logger.error("position not recorded: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
