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
import dev.vigil.device.trip.CurrentTrip;
import dev.vigil.protocol.UpKind;
import dev.vigil.protocol.pb.Alarm;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.tinylog.Logger;

/**
 * What the agent does with its inputs: keeps the latest fix, reports a position every interval, and
 * turns a panic press into a PANIC alarm sent at once, on the button's own thread, ahead of
 * anything scheduled, carrying the current trip's id. A panic is silent in the cab.
 */
public final class DeviceAgent implements GnssListener, ButtonListener, AutoCloseable {
  private final SealedUplink uplink;
  private final OutboxSender outbox;
  private final PanicAlarms panics;
  private final CurrentTrip trip;
  private final Duration positionInterval;
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

  public DeviceAgent(
      SealedUplink uplink,
      OutboxSender outbox,
      PanicAlarms panics,
      CurrentTrip trip,
      Duration positionInterval) {
    this.uplink = uplink;
    this.outbox = outbox;
    this.panics = panics;
    this.trip = trip;
    this.positionInterval = positionInterval;
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
  }

  @Override
  public void onFix(GnssFix fix) {
    latest.set(fix);
    lastFixNanos = System.nanoTime();
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
