package dev.vigil.gateway.ingest;

import dev.vigil.gateway.alerts.AlertService;
import dev.vigil.gateway.alerts.Step;
import dev.vigil.gateway.store.TelemetryStore;
import dev.vigil.gateway.store.Uplink;
import dev.vigil.protocol.DownKind;
import dev.vigil.protocol.UpKind;
import dev.vigil.protocol.pb.MediaRanges;
import dev.vigil.protocol.pb.MediaUp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * The ingest pipeline, in this order for every message: decode and authenticate, store, commit, and
 * only then acknowledge to the broker and forward alerts. Lanes, each a queue and a writer thread
 * with its own database connection: alarms, each in its own small transaction, and telemetry,
 * drained in batches by one or more writers. An alarm therefore never waits behind a batch of
 * positions. Telemetry is split between its writers by device, so one device's messages keep their
 * order and two writers never insert the same (device, seq) at once; while one writer waits for the
 * database, another decodes and binds. A message is acknowledged only after the transaction holding
 * it committed; a failed commit is retried with backoff and never acknowledged, so nothing accepted
 * by the broker is lost.
 */
public final class Ingest implements AutoCloseable {
  /** Acknowledges one message to the broker. */
  public interface Ack {
    void ack();
  }

  private record Pending(String topic, byte[] payload, Ack ack) {}

  /** Keeps evidence; answers with what to tell the device ({@code down/media-ack}). */
  public interface MediaHandler {
    List<MediaRanges> handle(String deviceId, MediaUp media, java.time.Instant at) throws Exception;
  }

  private static final String ALARM_SUFFIX = "/up/" + UpKind.ALARM.wire();

  private final UplinkDecoder decoder;
  private final Acknowledger acknowledger;
  private final EpochNotices rotation;
  private final TelemetryStore store;
  private final AlertService alerts;
  private final Presence presence;
  private final IngestCounters counters;
  private final Clock clock;
  private final Lane alarmLane;
  private final List<Lane> telemetryLanes = new ArrayList<>();
  private volatile boolean running = true;
  private volatile MediaHandler media;

  public Ingest(
      IngestSources sources,
      Acknowledger.Publisher downlink,
      TelemetryStore store,
      AlertService alerts,
      Presence presence,
      IngestCounters counters,
      Clock clock,
      int maxBatch,
      int telemetryWriters) {
    this.decoder = new UplinkDecoder(sources.registry(), sources.gatewayKey(), sources.epochs());
    this.acknowledger = new Acknowledger(decoder::downlinkKey, downlink);
    this.rotation = new EpochNotices(decoder::downlinkKey, downlink, clock);
    this.store = store;
    this.alerts = alerts;
    this.presence = presence;
    this.counters = counters;
    this.clock = clock;
    this.alarmLane = new Lane("ingest-alarms", 64);
    for (int i = 1; i <= telemetryWriters; i++) {
      telemetryLanes.add(
          new Lane(telemetryWriters == 1 ? "ingest-telemetry" : "ingest-telemetry-" + i, maxBatch));
    }
  }

  /** Evidence handling; without it media messages are dropped as unsupported. Before start. */
  public void media(MediaHandler handler) {
    this.media = handler;
  }

  public void start() {
    alarmLane.writer.start();
    telemetryLanes.forEach(lane -> lane.writer.start());
  }

  /**
   * Queues a message; blocks while the queue is full, which stops the MQTT client reading and so
   * pushes back on the broker instead of buffering without bound.
   */
  public void offer(String topic, byte[] payload, Ack ack) {
    counters.received();
    Pending pending = new Pending(topic, payload, ack);
    Lane lane =
        topic.endsWith(ALARM_SUFFIX)
            ? alarmLane
            : telemetryLanes.get(writerOf(topic, telemetryLanes.size()));
    try {
      while (running) {
        if (lane.queue.offer(pending, 100, TimeUnit.MILLISECONDS)) {
          return;
        }
      }
      // Closing: not queued and not acknowledged, so the broker redelivers it to the next gateway.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Which of {@code writers} telemetry writers takes a message on {@code topic}: the same one for
   * every message of a device ({@code vigil/v1/d/<id>/...}), spread evenly over device ids. A topic
   * that names no device goes to the first; the decoder drops it there.
   */
  static int writerOf(String topic, int writers) {
    int from = topic.indexOf("/d/");
    if (writers == 1 || from < 0) {
      return 0;
    }
    int end = topic.indexOf('/', from + 3);
    int hash = 0;
    for (int i = from + 3; i < (end < 0 ? topic.length() : end); i++) {
      hash = 31 * hash + topic.charAt(i);
    }
    return Math.floorMod(hash, writers);
  }

  /** Forgets a device's cached key after its registration changed. */
  public void forgetDevice(String deviceId) {
    decoder.forget(deviceId);
  }

  /** One queue and the writer thread that drains it. */
  private final class Lane {
    final BlockingQueue<Pending> queue;
    final Thread writer;
    final int maxBatch;

    Lane(String name, int maxBatch) {
      this.maxBatch = maxBatch;
      this.queue = new ArrayBlockingQueue<>(maxBatch * 4);
      this.writer = new Thread(this::run, name);
    }

    private void run() {
      List<Pending> batch = new ArrayList<>(maxBatch);
      while (running || !queue.isEmpty()) {
        try {
          Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          queue.drainTo(batch, maxBatch - 1);
          process(batch);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (RuntimeException e) {
          // A bug must not stop this lane for good: what was not acknowledged comes again from
          // the devices' outboxes, so the batch is given up, counted and logged, never hidden.
          counters.storeFailed();
          Logger.error(e, "ingest batch of {} messages failed; none acknowledged", batch.size());
        } finally {
          batch.clear();
        }
      }
    }
  }

  private void process(List<Pending> batch) throws InterruptedException {
    List<Uplink> rows = new ArrayList<>(batch.size());
    List<Ack> rowAcks = new ArrayList<>(batch.size());
    for (Pending pending : batch) {
      try {
        UplinkDecoder.Decoded decoded = decode(pending);
        if (decoded instanceof UplinkDecoder.Dropped dropped) {
          drop(pending, dropped);
        } else {
          UplinkDecoder.Accepted accepted = (UplinkDecoder.Accepted) decoded;
          Uplink uplink = accepted.uplink();
          rotation.noteEpoch(uplink.origin().deviceId(), accepted.epoch(), decoder.currentEpoch());
          presence.seen(uplink);
          if (uplink instanceof Uplink.MediaReport report) {
            media(report, pending);
          } else if (uplink instanceof Uplink.AlarmReport alarm) {
            Optional<Step.Changed> change = storeAlarm(alarm);
            pending.ack().ack();
            change.ifPresent(alerts::publish);
            acknowledger.acknowledge(alarm.origin().deviceId(), List.of(alarm.origin().seq()));
          } else {
            rows.add(uplink);
            rowAcks.add(pending.ack());
          }
        }
      } catch (RuntimeException e) {
        // One message that trips a bug must not take its batch with it. Unacknowledged, it comes
        // again from the device's outbox; each time it is counted and logged.
        counters.storeFailed();
        Logger.error(e, "message on {} not handled; not acknowledged", pending.topic());
      }
    }
    if (!rows.isEmpty()) {
      storeRows(rows);
      rowAcks.forEach(Ack::ack);
      Map<String, List<Long>> committed = new HashMap<>();
      for (Uplink row : rows) {
        committed
            .computeIfAbsent(row.origin().deviceId(), id -> new ArrayList<>())
            .add(row.origin().seq());
      }
      acknowledger.acknowledge(committed);
    }
  }

  /**
   * Media is kept before the broker ack, like any record; a failure leaves it unacknowledged, so
   * the device's outbox sends it again.
   */
  private void media(Uplink.MediaReport report, Pending pending) {
    String deviceId = report.origin().deviceId();
    if (media == null) {
      drop(pending, new UplinkDecoder.Dropped(DropReason.UNSUPPORTED_KIND, "no media store"));
      return;
    }
    try {
      List<MediaRanges> answers = media.handle(deviceId, report.media(), clock.instant());
      pending.ack().ack();
      acknowledger.acknowledge(deviceId, List.of(report.origin().seq()));
      answers.forEach(a -> acknowledger.send(deviceId, DownKind.MEDIA_ACK, a.toByteArray()));
    } catch (Exception e) {
      counters.storeFailed();
      Logger.error(e, "media from {} not stored; the device will send it again", deviceId);
    }
  }

  private UplinkDecoder.Decoded decode(Pending pending) throws InterruptedException {
    for (long backoffMs = 100; ; backoffMs = Math.min(backoffMs * 2, 5_000)) {
      try {
        return decoder.decode(
            pending.topic(), pending.payload(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
      } catch (java.sql.SQLException e) {
        counters.storeFailed();
        Logger.error(
            "device registry unavailable, retrying in {} ms: {}", backoffMs, e.getMessage());
        Thread.sleep(backoffMs);
      }
    }
  }

  private void drop(Pending pending, UplinkDecoder.Dropped dropped) {
    counters.dropped(dropped.reason());
    Logger.warn(
        "dropped message on {}: {} ({})", pending.topic(), dropped.reason(), dropped.detail());
    pending.ack().ack(); // acknowledged so the broker stops redelivering it: it can never be stored
  }

  private Optional<Step.Changed> storeAlarm(Uplink.AlarmReport alarm) throws InterruptedException {
    Optional<Step.Changed> change = retrying(() -> alerts.store(alarm));
    if (change.isEmpty()) {
      counters.duplicates(1);
    } else {
      counters.stored(1);
      counters.alertRaised();
    }
    return change;
  }

  private void storeRows(List<Uplink> rows) throws InterruptedException {
    int stored = retrying(() -> store.storeBatch(rows));
    counters.stored(stored);
    counters.duplicates(rows.size() - stored);
  }

  private interface StoreCall<T> {
    T call() throws java.sql.SQLException;
  }

  private <T> T retrying(StoreCall<T> call) throws InterruptedException {
    for (long backoffMs = 100; ; backoffMs = Math.min(backoffMs * 2, 5_000)) {
      try {
        return call.call();
      } catch (java.sql.SQLException e) {
        counters.storeFailed();
        Logger.error(
            "store failed, retrying in {} ms (nothing acknowledged): {}",
            backoffMs,
            e.getMessage());
        Thread.sleep(backoffMs);
      }
    }
  }

  /** Stops taking work, stores and acknowledges what is queued, then returns. */
  @Override
  public void close() {
    running = false;
    try {
      alarmLane.writer.join(10_000);
      for (Lane lane : telemetryLanes) {
        lane.writer.join(10_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
