package dev.vigil.gateway.ingest;

import dev.vigil.gateway.keys.KeyEpochs;
import dev.vigil.gateway.registry.DeviceRegistry;
import java.security.PrivateKey;

/** Where ingest finds device keys: the registry, the gateway's private key, the key epochs. */
public record IngestSources(DeviceRegistry registry, PrivateKey gatewayKey, KeyEpochs epochs) {
  /** A single epoch that never rotates. */
  public IngestSources(DeviceRegistry registry, PrivateKey gatewayKey, int keyEpoch) {
    this(registry, gatewayKey, KeyEpochs.fixed(keyEpoch));
  }
}
