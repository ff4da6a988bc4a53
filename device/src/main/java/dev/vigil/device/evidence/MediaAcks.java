package dev.vigil.device.evidence;

import dev.vigil.device.link.DownlinkKeys;
import dev.vigil.device.link.SealedDownlink;
import dev.vigil.protocol.pb.MediaRanges;
import java.util.Optional;

/**
 * Opens the media store's answers ({@code down/media-ack}): only an envelope sealed under this
 * device's downlink key counts, so nobody else can release evidence held on the device.
 */
public final class MediaAcks {
  private final SealedDownlink<MediaRanges> downlink;

  public MediaAcks(String topic, DownlinkKeys keys) {
    this.downlink = new SealedDownlink<>(topic, keys, MediaRanges.parser());
  }

  /** The message, or empty when it is not a genuine one (logged by {@link SealedDownlink}). */
  public Optional<MediaRanges> open(byte[] message) {
    return downlink.open(message);
  }
}
