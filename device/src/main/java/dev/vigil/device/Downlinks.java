package dev.vigil.device;

import dev.vigil.device.command.CommandDownlink;
import dev.vigil.device.evidence.CaptureEvents;
import dev.vigil.device.evidence.EvidenceRecorder;
import dev.vigil.device.evidence.MediaAcks;
import dev.vigil.device.evidence.WindowRequests;
import dev.vigil.device.link.Acknowledgements;
import dev.vigil.device.link.AlarmAcks;
import dev.vigil.device.link.DownlinkKeys;
import dev.vigil.device.link.KeyRotation;
import dev.vigil.device.link.MqttLink;
import dev.vigil.device.link.SealedUplink;
import dev.vigil.device.outbox.OutboxSender;
import dev.vigil.device.safety.PanicAlarms;
import dev.vigil.device.trip.CurrentTrip;
import dev.vigil.device.trip.TripDownlink;
import dev.vigil.device.trip.TripFile;
import dev.vigil.device.warning.WarningKind;
import dev.vigil.device.warning.WarningOutput;
import dev.vigil.protocol.DownKind;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.pb.AlarmAck;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * The gateway's downlink topics for this device, each opened by its own sealed reader and
 * subscribed on the link before it starts: acknowledgements, key rotation, media acks, commands,
 * alarm acks and the trip.
 */
final class Downlinks {
  /** What the downlinks act on. {@code evidence} is read per message: it starts later. */
  record Targets(
      OutboxSender sender,
      SealedUplink uplink,
      PanicAlarms panics,
      WarningOutput voice,
      Supplier<Optional<EvidenceRecorder>> evidence) {}

  private final List<AlarmAcks.Listener> alarmAckListeners = new CopyOnWriteArrayList<>();
  private final PanicAlarms panics;
  private CurrentTrip trip;

  private Downlinks(PanicAlarms panics) {
    this.panics = panics;
  }

  static Downlinks subscribe(
      DeviceConfig config,
      Keyring keyring,
      MqttLink link,
      DownlinkKeys downlink,
      Targets targets,
      Clock clock)
      throws IOException {
    String id = config.deviceId();
    String ackTopic = Topics.down(id, DownKind.ACK);
    Acknowledgements acks = new Acknowledgements(ackTopic, downlink);
    link.subscribe(ackTopic, m -> acks.open(m).ifPresent(targets.sender()::acknowledged));
    String configTopic = Topics.down(id, DownKind.CONFIG);
    KeyRotation rotation =
        new KeyRotation(
            configTopic, id, keyring.pairRef(), targets.uplink(), downlink, config.dataDir());
    link.subscribe(configTopic, rotation::onMessage);
    String mediaAckTopic = Topics.down(id, DownKind.MEDIA_ACK);
    MediaAcks mediaAcks = new MediaAcks(mediaAckTopic, downlink);
    link.subscribe(
        mediaAckTopic,
        m ->
            mediaAcks.open(m).ifPresent(r -> targets.evidence().get().ifPresent(e -> e.ranges(r))));
    commands(config, link, downlink, targets, clock);
    Downlinks downlinks = new Downlinks(targets.panics());
    downlinks.alarmAcks(id, link, downlink);
    downlinks.trip = trips(config, link, downlink, targets.voice());
    return downlinks;
  }

  /**
   * The control room's commands ({@code down/cmd}): sealed for this device and fresher than the
   * last one; a window request uploads what the vault still holds (see {@link WindowRequests}).
   */
  private static void commands(
      DeviceConfig config, MqttLink link, DownlinkKeys downlink, Targets targets, Clock clock)
      throws IOException {
    String topic = Topics.down(config.deviceId(), DownKind.CMD);
    CommandDownlink commands =
        CommandDownlink.open(topic, downlink, config.dataDir().resolve("command-seq"));
    CaptureEvents events = new CaptureEvents(targets.uplink(), targets.sender());
    WindowRequests requests = new WindowRequests(targets.evidence(), events::send, clock);
    link.subscribe(topic, message -> commands.open(message).ifPresent(requests::onCommand));
  }

  private void alarmAcks(String id, MqttLink link, DownlinkKeys downlink) {
    String topic = Topics.down(id, DownKind.ALARM_ACK);
    AlarmAcks alarmAcks = new AlarmAcks(topic, downlink);
    alarmAckListeners.add(
        ack ->
            Logger.info(
                "control room acknowledged {} alert {}: help is coming",
                ack.getType(),
                ack.getAlertId()));
    link.subscribe(topic, message -> alarmAcks.open(message).ifPresent(this::helpAcknowledged));
  }

  /**
   * The saved trip, then the gateway's {@code down/trip} messages: sealed for this device, retained
   * by the broker, so the latest arrives again on every connection (see {@link CurrentTrip}).
   */
  private static CurrentTrip trips(
      DeviceConfig config, MqttLink link, DownlinkKeys downlink, WarningOutput voice)
      throws IOException {
    CurrentTrip trip = CurrentTrip.open(new TripFile(config.dataDir().resolve("trip")));
    trip.addListener(
        now -> voice.warn(now.isPresent() ? WarningKind.TRIP_STARTED : WarningKind.TRIP_ENDED));
    String topic = Topics.down(config.deviceId(), DownKind.TRIP);
    TripDownlink messages = new TripDownlink(topic, downlink);
    link.subscribe(topic, message -> messages.open(message).ifPresent(trip::offer));
    return trip;
  }

  CurrentTrip trip() {
    return trip;
  }

  void onAlarmAck(AlarmAcks.Listener listener) {
    alarmAckListeners.add(listener);
  }

  private void helpAcknowledged(AlarmAck ack) {
    if (ack.getAlarmIdsList().stream().noneMatch(panics::raisedInThisRun)) {
      Logger.warn(
          "ignored alarm-ack for alert {}: none of its alarms was raised in this run",
          ack.getAlertId());
      return;
    }
    for (AlarmAcks.Listener listener : alarmAckListeners) {
      try {
        listener.helpAcknowledged(ack);
      } catch (RuntimeException e) {
        Logger.error(e, "alarm-ack listener failed");
      }
    }
  }
}
