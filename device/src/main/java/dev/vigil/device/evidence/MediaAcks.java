package dev.vigil.device.evidence;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.device.link.DownlinkKeys;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.OpenResult;
import dev.vigil.protocol.envelope.Opened;
import dev.vigil.protocol.envelope.Rejected;
import dev.vigil.protocol.pb.MediaRanges;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * Opens the media store's answers ({@code down/media-ack}): only an envelope sealed under this
 * device's downlink key counts, so nobody else can release evidence held on the device.
 */
public final class MediaAcks {
  private final String topic;
  private final DownlinkKeys keys;

  public MediaAcks(String topic, DownlinkKeys keys) {
    this.topic = topic;
    this.keys = keys;
  }

  public Optional<MediaRanges> open(byte[] message) {
    OpenResult result = Envelope.open(topic, message, keys::forEpoch);
    if (result instanceof Rejected rejected) {
      Logger.warn("ignored a message on {}: {} ({})", topic, rejected.reason(), rejected.detail());
      return Optional.empty();
    }
    try {
      return Optional.of(MediaRanges.parseFrom(((Opened) result).plaintext()));
    } catch (InvalidProtocolBufferException e) {
      Logger.warn("ignored an undecodable media ack on {}: {}", topic, e.getMessage());
      return Optional.empty();
    }
  }
}
