package dev.vigil.device.link;

import dev.vigil.protocol.pb.Ack;
import java.util.List;
import java.util.Optional;

/**
 * Opens the gateway's end-to-end acknowledgements ({@code down/ack}): only an envelope sealed under
 * this device's downlink key counts, so nobody but the gateway can make the agent delete an unsent
 * record. Anything else is logged and ignored (by {@link SealedDownlink}).
 */
public final class Acknowledgements {
  private final SealedDownlink<Ack> downlink;

  public Acknowledgements(String topic, DownlinkKeys keys) {
    this.downlink = new SealedDownlink<>(topic, keys, Ack.parser());
  }

  /** The acknowledged sequence numbers, or empty when the message is not a genuine ack. */
  public Optional<List<Long>> open(byte[] message) {
    return downlink.open(message).map(Ack::getSeqsList);
  }
}
