package dev.vigil.device.link;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.OpenResult;
import dev.vigil.protocol.envelope.Opened;
import dev.vigil.protocol.envelope.Rejected;
import dev.vigil.protocol.pb.AlarmAck;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * Opens the control room's acknowledgement of an alarm ({@code down/alarm-ack}): only an envelope
 * sealed under one of this device's downlink keys counts, so nobody else can tell the driver that
 * help is coming. Anything else is logged and ignored.
 */
public final class AlarmAcks {
  /** Hears that an operator has taken one of this vehicle's alarms. */
  public interface Listener {
    void helpAcknowledged(AlarmAck ack);
  }

  private final String topic;
  private final DownlinkKeys keys;

  public AlarmAcks(String topic, DownlinkKeys keys) {
    this.topic = topic;
    this.keys = keys;
  }

  /** The acknowledgement, or empty when the message is not a genuine one. */
  public Optional<AlarmAck> open(byte[] message) {
    OpenResult result = Envelope.open(topic, message, keys::forEpoch);
    if (result instanceof Rejected rejected) {
      Logger.warn("ignored a message on {}: {} ({})", topic, rejected.reason(), rejected.detail());
      return Optional.empty();
    }
    try {
      return Optional.of(AlarmAck.parseFrom(((Opened) result).plaintext()));
    } catch (InvalidProtocolBufferException e) {
      Logger.warn("ignored an undecodable alarm-ack on {}: {}", topic, e.getMessage());
      return Optional.empty();
    }
  }
}
