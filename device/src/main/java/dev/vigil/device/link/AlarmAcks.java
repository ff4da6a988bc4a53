package dev.vigil.device.link;

import dev.vigil.protocol.pb.AlarmAck;
import java.util.Optional;

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

  private final SealedDownlink<AlarmAck> downlink;

  public AlarmAcks(String topic, DownlinkKeys keys) {
    this.downlink = new SealedDownlink<>(topic, keys, AlarmAck.parser());
  }

  /** The message, or empty when it is not a genuine one (logged by {@link SealedDownlink}). */
  public Optional<AlarmAck> open(byte[] message) {
    return downlink.open(message);
  }
}
