package dev.vigil.gateway.alerts;

import dev.vigil.gateway.store.AlertStore;
import dev.vigil.gateway.store.Uplink;
import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.alert.AlertType;
import dev.vigil.protocol.alert.ControlAlert;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.tinylog.Logger;

/**
 * The alert service: every way an alert changes (an alarm raises or merges, an operator
 * acknowledges or resolves, a deadline escalates) goes through here, is stored with its {@link
 * AlertChange} first, and only then goes to every sink. Holds no timers and no state of its own, so
 * any number of gateways can run it on one database.
 */
public final class AlertService {
  /** How long a republishing sweep waits for the sinks to confirm one change. */
  private static final long SINK_CONFIRM_S = 10;

  private final AlertStore store;
  private final AlertFactory factory;
  private final AlertLifecycle lifecycle;
  private final List<AlertSink> sinks;
  private final AlarmAckSender alarmAcks;
  private final Clock clock;

  public AlertService(
      AlertStore store,
      AlertFactory factory,
      AlertLifecycle lifecycle,
      List<AlertSink> sinks,
      AlarmAckSender alarmAcks,
      Clock clock) {
    this.store = store;
    this.factory = factory;
    this.lifecycle = lifecycle;
    this.sinks = List.copyOf(sinks);
    this.alarmAcks = alarmAcks;
    this.clock = clock;
  }

  /**
   * Stores a device alarm: a new alert, or a repeat merged into the vehicle's open one. Call {@link
   * #publish} after the message is acknowledged; a failure here may be retried.
   *
   * @return the change, or empty when this alarm was stored before (a redelivery)
   */
  public Optional<Step.Changed> store(Uplink.AlarmReport alarm) throws SQLException {
    ControlAlert candidate = factory.fromAlarm(alarm);
    return store.raise(alarm, candidate, open -> raiseOrMerge(open, candidate));
  }

  /** Raises an alert the gateway itself detected (DEVICE_OFFLINE), published at once. */
  public Optional<Step.Changed> raiseOwn(ControlAlert candidate) throws SQLException {
    Optional<Step.Changed> change =
        store.raiseOwn(candidate, open -> raiseOrMerge(open, candidate));
    change.ifPresent(this::publish);
    return change;
  }

  private Step.Changed raiseOrMerge(List<ControlAlert> open, ControlAlert candidate) {
    for (ControlAlert alert : open) {
      if (lifecycle.sameTrouble(alert, candidate)) {
        return (Step.Changed) lifecycle.merge(alert, candidate, candidate.receivedAt());
      }
    }
    return new Step.Changed(
        candidate,
        new AlertChange(
            candidate.alertId(),
            AlertChange.Action.RAISED,
            null,
            AlertState.OPEN,
            "device",
            candidate.receivedAt(),
            ""));
  }

  /**
   * @return empty when there is no such alert
   */
  public Optional<Step> acknowledge(String alertId, String operator, String note)
      throws SQLException {
    Optional<Step> step =
        store.change(alertId, alert -> lifecycle.acknowledge(alert, operator, note, now()));
    step.ifPresent(this::publishIfChanged);
    return step;
  }

  /**
   * @return empty when there is no such alert
   */
  public Optional<Step> resolve(String alertId, String operator, Resolution reason, String note)
      throws SQLException {
    Optional<Step> step =
        store.change(alertId, alert -> lifecycle.resolve(alert, operator, reason, note, now()));
    step.ifPresent(this::publishIfChanged);
    return step;
  }

  /**
   * Escalates what is due now, claiming each alert through the database so that of N gateways
   * sweeping at once exactly one escalates it.
   *
   * @return how many escalated
   */
  public int escalateDue(int limit) throws SQLException {
    Instant now = now();
    List<Step.Changed> changes = store.escalateDue(now, limit, a -> lifecycle.escalate(a, now));
    changes.forEach(this::publish);
    return changes.size();
  }

  public Optional<ControlAlert> find(String alertId) throws SQLException {
    return store.find(alertId);
  }

  public List<AlertChange> history(String alertId) throws SQLException {
    return store.history(alertId);
  }

  private void publishIfChanged(Step step) {
    if (step instanceof Step.Changed changed) {
      publish(changed);
      if (changed.change().action() == AlertChange.Action.ACKNOWLEDGED
          && changed.alert().type() == AlertType.PANIC) {
        tellTheVehicle(changed);
      }
    }
  }

  private void tellTheVehicle(Step.Changed changed) {
    try {
      alarmAcks.send(
          changed.alert(), store.alarmIds(changed.alert().alertId()), changed.change().at());
    } catch (SQLException | RuntimeException e) {
      Logger.error(e, "alarm-ack for alert {} not sent", changed.alert().alertId());
    }
  }

  /**
   * Hands the alert in its new state to every sink (a failing sink does not stop the others), and
   * once every sink confirmed it (the broker's PUBACK for MQTT) marks the change published. A
   * gateway that dies before that leaves it unmarked, and the next {@link #republishStale} of any
   * gateway sends it: at least once, never silently lost.
   */
  public void publish(Step.Changed changed) {
    toSinks(changed)
        .whenComplete(
            (ok, failure) -> {
              if (failure == null) {
                markPublished(changed);
              } else {
                Logger.warn(
                    "change {} of alert {} not confirmed by every sink; it will be sent again: {}",
                    changed.change().eventId(),
                    changed.alert().alertId(),
                    failure.getMessage());
              }
            });
  }

  private void markPublished(Step.Changed changed) {
    try {
      store.published(changed.change().eventId(), now());
    } catch (SQLException e) {
      Logger.warn(
          "change {} of alert {} sent but not marked: it may be sent again: {}",
          changed.change().eventId(),
          changed.alert().alertId(),
          e.getMessage());
    }
  }

  /**
   * Sends changes committed more than {@code grace} ago that were never marked published, each
   * marked only once every sink confirmed it (a failure leaves the rest for the next sweep).
   *
   * @return how many
   */
  public int republishStale(Duration grace, int limit) throws SQLException {
    Instant now = now();
    int sent = store.republish(now.minus(grace), limit, now, this::confirmed);
    if (sent > 0) {
      Logger.warn("sent {} alert changes whose gateway stopped before sending them", sent);
    }
    return sent;
  }

  private void confirmed(Step.Changed changed) {
    try {
      toSinks(changed).get(SINK_CONFIRM_S, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending alert changes", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("alert sinks did not confirm: " + e.getMessage(), e);
    }
  }

  private CompletableFuture<Void> toSinks(Step.Changed changed) {
    ControlAlert alert = changed.alert();
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (AlertSink sink : sinks) {
      try {
        sent.add(sink.send(alert));
      } catch (RuntimeException e) {
        Logger.error(
            e,
            "alert sink {} failed for alert {}",
            sink.getClass().getSimpleName(),
            alert.alertId());
        sent.add(CompletableFuture.failedFuture(e));
      }
    }
    return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
