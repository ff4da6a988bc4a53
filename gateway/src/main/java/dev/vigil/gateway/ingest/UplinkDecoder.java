package dev.vigil.gateway.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.gateway.keys.KeyEpochs;
import dev.vigil.gateway.registry.DeviceRegistry;
import dev.vigil.gateway.store.Uplink;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.UpKind;
import dev.vigil.protocol.UpTopic;
import dev.vigil.protocol.envelope.Direction;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.envelope.OpenResult;
import dev.vigil.protocol.envelope.Opened;
import dev.vigil.protocol.envelope.Rejected;
import dev.vigil.protocol.pb.Alarm;
import dev.vigil.protocol.pb.AlarmType;
import dev.vigil.protocol.pb.Event;
import dev.vigil.protocol.pb.Health;
import dev.vigil.protocol.pb.Position;
import java.security.PrivateKey;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Topic and bytes in, an authenticated {@link Uplink} or the reason to drop it out. The device is
 * identified by its topic; the envelope must open under that device's key and name that same topic
 * in its authenticated header, so a device cannot speak for another even through a broker that lets
 * it publish there.
 */
final class UplinkDecoder {
  /** The outcome for one message. */
  sealed interface Decoded {}

  /** An authenticated uplink and the key epoch it was sealed under. */
  record Accepted(Uplink uplink, int epoch) implements Decoded {
    Accepted(Uplink uplink) {
      this(uplink, -1);
    }
  }

  record Dropped(DropReason reason, String detail) implements Decoded {}

  /** Uplink and downlink key of one epoch. */
  private record EpochKeys(EnvelopeKey uplink, EnvelopeKey downlink) {}

  /**
   * A registered device, its keys by epoch (derived when first needed), and the epoch of its last
   * accepted uplink: acknowledgements go out under that one, which the device surely holds.
   */
  private static final class DeviceKey {
    final DeviceRegistry.Device device;
    final ConcurrentMap<Integer, EpochKeys> byEpoch = new ConcurrentHashMap<>();
    volatile int lastEpoch = -1;

    DeviceKey(DeviceRegistry.Device device) {
      this.device = device;
    }

    DeviceRegistry.Device device() {
      return device;
    }
  }

  private final DeviceRegistry registry;
  private final PrivateKey gatewayKey;
  private final KeyEpochs epochs;
  private final ConcurrentMap<String, DeviceKey> keys = new ConcurrentHashMap<>();

  UplinkDecoder(DeviceRegistry registry, PrivateKey gatewayKey, KeyEpochs epochs) {
    this.registry = registry;
    this.gatewayKey = gatewayKey;
    this.epochs = epochs;
  }

  Decoded decode(String topic, byte[] payload, Instant receivedAt) throws SQLException {
    Optional<UpTopic> parsed = Topics.parseUp(topic);
    if (parsed.isEmpty()) {
      return new Dropped(DropReason.BAD_TOPIC, "not an uplink topic");
    }
    String deviceId = parsed.get().deviceId();
    DeviceKey deviceKey = keyFor(deviceId);
    if (deviceKey == null) {
      return new Dropped(DropReason.UNKNOWN_DEVICE, "device " + deviceId + " is not registered");
    }
    if (deviceKey.device().revoked()) {
      return new Dropped(DropReason.REVOKED_DEVICE, "device " + deviceId + " is revoked");
    }
    OpenResult result =
        Envelope.open(
            topic,
            payload,
            epoch ->
                epochs.accepts(epoch, receivedAt)
                    ? Optional.of(keysOf(deviceKey, epoch).uplink())
                    : Optional.empty());
    if (result instanceof Rejected rejected) {
      return new Dropped(DropReason.of(rejected.reason()), rejected.detail());
    }
    Opened opened = (Opened) result;
    deviceKey.lastEpoch = opened.header().epoch();
    Uplink.Origin origin =
        new Uplink.Origin(
            deviceId, deviceKey.device().vehicleId(), opened.header().seq(), receivedAt);
    Decoded decoded = parse(parsed.get().kind(), origin, opened.plaintext());
    return decoded instanceof Accepted accepted
        ? new Accepted(accepted.uplink(), opened.header().epoch())
        : decoded;
  }

  /**
   * The key to seal messages to a device whose uplink was accepted, under the epoch of its last
   * uplink.
   */
  Optional<EnvelopeKey> downlinkKey(String deviceId) {
    DeviceKey deviceKey = keys.get(deviceId);
    if (deviceKey == null || deviceKey.lastEpoch < 0) {
      return Optional.empty();
    }
    return Optional.of(keysOf(deviceKey, deviceKey.lastEpoch).downlink());
  }

  /** The epoch devices must seal under now. */
  int currentEpoch() {
    return epochs.current();
  }

  private EpochKeys keysOf(DeviceKey deviceKey, int epoch) {
    return deviceKey.byEpoch.computeIfAbsent(
        epoch,
        e -> {
          String id = deviceKey.device().deviceId();
          java.security.PublicKey device = deviceKey.device().publicKey();
          return new EpochKeys(
              EnvelopeKey.derive(gatewayKey, device, id, e, Direction.UPLINK),
              EnvelopeKey.derive(gatewayKey, device, id, e, Direction.DOWNLINK));
        });
  }

  /** Forgets cached keys, so a re-registered or revoked device takes effect at once. */
  void forget(String deviceId) {
    keys.remove(deviceId);
  }

  private DeviceKey keyFor(String deviceId) throws SQLException {
    DeviceKey cached = keys.get(deviceId);
    if (cached != null) {
      return cached;
    }
    Optional<DeviceRegistry.Device> device = registry.find(deviceId);
    if (device.isEmpty()) {
      return null;
    }
    DeviceKey fresh = new DeviceKey(device.get());
    keys.put(deviceId, fresh);
    return fresh;
  }

  private static Decoded parse(UpKind kind, Uplink.Origin origin, byte[] plaintext) {
    try {
      return switch (kind) {
        case POS -> new Accepted(new Uplink.PositionReport(origin, Position.parseFrom(plaintext)));
        case ALARM -> alarm(origin, Alarm.parseFrom(plaintext));
        case EVT -> new Accepted(new Uplink.EventReport(origin, Event.parseFrom(plaintext)));
        case HEALTH -> new Accepted(new Uplink.HealthReport(origin, Health.parseFrom(plaintext)));
        case MEDIA, ACK ->
            new Dropped(DropReason.UNSUPPORTED_KIND, kind.wire() + " is not stored yet");
      };
    } catch (InvalidProtocolBufferException e) {
      return new Dropped(DropReason.UNDECODABLE, e.getMessage());
    }
  }

  private static Decoded alarm(Uplink.Origin origin, Alarm alarm) {
    if (alarm.getType() == AlarmType.ALARM_TYPE_UNSPECIFIED
        || alarm.getType() == AlarmType.UNRECOGNIZED) {
      return new Dropped(DropReason.UNDECODABLE, "alarm without a known type");
    }
    if (!Topics.isValidId(alarm.getAlarmId())) {
      return new Dropped(DropReason.UNDECODABLE, "alarm without a valid alarm id");
    }
    return new Accepted(new Uplink.AlarmReport(origin, alarm));
  }
}
