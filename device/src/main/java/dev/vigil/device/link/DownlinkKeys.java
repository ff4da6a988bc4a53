package dev.vigil.device.link;

import dev.vigil.protocol.envelope.EnvelopeKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys the gateway may seal downlink messages under: the current epoch's, and the ones before
 * it since the agent started (acknowledgements of records sealed under an older epoch come under
 * that epoch).
 */
public final class DownlinkKeys {
  private final Map<Integer, EnvelopeKey> byEpoch = new ConcurrentHashMap<>();

  public DownlinkKeys(EnvelopeKey first) {
    add(first);
  }

  public void add(EnvelopeKey key) {
    byEpoch.put(key.epoch(), key);
  }

  public Optional<EnvelopeKey> forEpoch(int epoch) {
    return Optional.ofNullable(byEpoch.get(epoch));
  }
}
