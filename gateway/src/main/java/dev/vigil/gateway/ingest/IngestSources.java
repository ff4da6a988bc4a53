package dev.vigil.gateway.ingest;

import dev.vigil.gateway.registry.DeviceRegistry;
import java.security.PrivateKey;

/** Where ingest finds device keys: the registry, the gateway's private key, the key epoch. */
public record IngestSources(DeviceRegistry registry, PrivateKey gatewayKey, int keyEpoch) {}
