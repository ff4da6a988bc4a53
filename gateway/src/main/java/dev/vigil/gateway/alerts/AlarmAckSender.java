package dev.vigil.gateway.alerts;

import dev.vigil.protocol.DownKind;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.alert.ControlAlert;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.envelope.Suite;
import dev.vigil.protocol.pb.AlarmAck;
import dev.vigil.protocol.pb.AlarmType;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * Tells a vehicle that an operator took its panic ({@code down/alarm-ack}), sealed under the
 * device's downlink key like {@code down/ack}, so the driver hears that help is coming. Sequence
 * numbers are random, as in the ingest acknowledger: gateways share no counter.
 */
public final class AlarmAckSender {
  /** The device's downlink key, looked up by any gateway (not only the one that saw the alarm). */
  public interface Keys {
    Optional<EnvelopeKey> downlink(String deviceId);
  }

  /** Publishes one downlink message, QoS 1. */
  public interface Publisher {
    void publish(String topic, byte[] payload);
  }

  private final Keys keys;
  private final Publisher publisher;
  private final SecureRandom random = new SecureRandom();

  public AlarmAckSender(Keys keys, Publisher publisher) {
    this.keys = keys;
    this.publisher = publisher;
  }

  public void send(ControlAlert alert, List<String> alarmIds, Instant acknowledgedAt) {
    Optional<EnvelopeKey> key = keys.downlink(alert.deviceId());
    if (key.isEmpty()) {
      Logger.warn(
          "no key for device {}: alarm-ack for {} not sent", alert.deviceId(), alert.alertId());
      return;
    }
    String topic = Topics.down(alert.deviceId(), DownKind.ALARM_ACK);
    byte[] ack =
        AlarmAck.newBuilder()
            .setAlertId(alert.alertId())
            .addAllAlarmIds(alarmIds)
            .setType(AlarmType.valueOf(alert.type().name()))
            .setAcknowledgedAtMs(acknowledgedAt.toEpochMilli())
            .build()
            .toByteArray();
    long seq = random.nextLong() & Long.MAX_VALUE;
    publisher.publish(topic, Envelope.seal(key.get(), Suite.AES_256_GCM, topic, seq, ack));
    Logger.info("alarm-ack for alert {} sent to {}", alert.alertId(), alert.deviceId());
  }
}
