package dev.vigil.gateway.e2e;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.gateway.registry.DeviceRegistry;
import dev.vigil.protocol.DownKind;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.UpKind;
import dev.vigil.protocol.envelope.Direction;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.envelope.Opened;
import dev.vigil.protocol.envelope.Suite;
import dev.vigil.protocol.pb.Alarm;
import dev.vigil.protocol.pb.AlarmAck;
import dev.vigil.protocol.pb.AlarmType;
import dev.vigil.protocol.pb.FixMode;
import dev.vigil.protocol.pb.Health;
import dev.vigil.protocol.pb.Position;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * A device as the gateway sees it on the wire, driven by a test: it registers itself, seals alarms,
 * positions and health reports under its own key and publishes them (QoS 1), and opens what the
 * gateway sends to its {@code down/alarm-ack}. Sequence numbers count up from 1.
 */
final class SimDevice implements AutoCloseable {
  final String deviceId;
  final String vehicleId;
  final BlockingQueue<AlarmAck> alarmAcks = new LinkedBlockingQueue<>();
  private final EnvelopeKey uplink;
  private final EnvelopeKey downlink;
  private final MqttClient client;
  private long seq;

  SimDevice(
      String deviceId,
      String vehicleId,
      PublicKey gateway,
      DeviceRegistry registry,
      String brokerUrl)
      throws Exception {
    this.deviceId = deviceId;
    this.vehicleId = vehicleId;
    KeyPair own = KeyPairs.generateP256();
    registry.register(deviceId, vehicleId, KeyPairs.toPem(own.getPublic()), Instant.now());
    uplink = EnvelopeKey.derive(own.getPrivate(), gateway, deviceId, 1, Direction.UPLINK);
    downlink = EnvelopeKey.derive(own.getPrivate(), gateway, deviceId, 1, Direction.DOWNLINK);
    client = new MqttClient(brokerUrl, "vigil-sim-" + deviceId, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    client.connect(options);
    String ackTopic = Topics.down(deviceId, DownKind.ALARM_ACK);
    client.subscribe(
        new MqttSubscription[] {new MqttSubscription(ackTopic, 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
          (topic, message) -> open(ackTopic, message.getPayload()).ifPresent(alarmAcks::add)
        });
  }

  void alarm(String alarmId, AlarmType type, String tripId, double latDeg, Instant at)
      throws Exception {
    Alarm alarm =
        Alarm.newBuilder()
            .setAlarmId(alarmId)
            .setType(type)
            .setRaisedAtMs(at.toEpochMilli())
            .setTripId(tripId)
            .setPosition(fix(latDeg, at))
            .build();
    publish(UpKind.ALARM, alarm.toByteArray());
  }

  void position(double latDeg, Instant at) throws Exception {
    publish(UpKind.POS, fix(latDeg, at).toByteArray());
  }

  void health(boolean ignitionOn, boolean gnssOk, Instant at) throws Exception {
    Health health =
        Health.newBuilder()
            .setAtMs(at.toEpochMilli())
            .setIgnitionOn(ignitionOn)
            .setGnssOk(gnssOk)
            .build();
    publish(UpKind.HEALTH, health.toByteArray());
  }

  /** The last sequence number used. */
  synchronized long seq() {
    return seq;
  }

  private synchronized void publish(UpKind kind, byte[] plaintext) throws Exception {
    String topic = Topics.up(deviceId, kind);
    byte[] sealed = Envelope.seal(uplink, Suite.AES_256_GCM, topic, ++seq, plaintext);
    client.publish(topic, new MqttMessage(sealed, 1, false, null));
  }

  private static Position fix(double latDeg, Instant at) {
    return Position.newBuilder()
        .setFixTimeMs(at.toEpochMilli())
        .setLatDeg(latDeg)
        .setLonDeg(11.575)
        .setSpeedMps(8f)
        .setHeadingDeg(90f)
        .setAltitudeM(Float.NaN)
        .setFixMode(FixMode.FIX_MODE_3D)
        .setSatellites(9)
        .setHdop(0.9f)
        .build();
  }

  private Optional<AlarmAck> open(String topic, byte[] payload) {
    if (!(Envelope.open(topic, payload, epoch -> Optional.of(downlink)) instanceof Opened opened)) {
      return Optional.empty();
    }
    try {
      return Optional.of(AlarmAck.parseFrom(opened.plaintext()));
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() throws Exception {
    client.disconnect();
    client.close();
  }
}
