package dev.vigil.device;

import dev.vigil.device.link.DownlinkKeys;
import dev.vigil.device.link.KeyRotation;
import dev.vigil.device.provisioning.DeviceKeys;
import dev.vigil.protocol.envelope.Direction;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.tls.PemTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The device's key pair, the gateway's public key and the key epoch this run starts on: the
 * configured one, or the one a followed rotation left in {@code data.dir} if newer.
 */
record Keyring(KeyPair own, PublicKey gateway, int epoch) {
  /** The device's own pair is loaded by the caller, before the voice output opens. */
  static Keyring load(DeviceConfig config, KeyPair own) throws IOException {
    PublicKey gateway = KeyPairs.publicFromPem(Files.readString(config.gatewayPublicKey()));
    int epoch =
        Math.max(
            config.keyEpoch(), KeyRotation.storedEpoch(config.dataDir()).orElse(config.keyEpoch()));
    return new Keyring(own, gateway, epoch);
  }

  EnvelopeKey uplink(String deviceId) {
    return EnvelopeKey.derive(own.getPrivate(), gateway, deviceId, epoch, Direction.UPLINK);
  }

  /**
   * Downlink keys from the configured first epoch up to {@link #epoch}: records in the outbox may
   * be sealed under any of them, and their acknowledgements come under the same epoch.
   */
  DownlinkKeys downlink(String deviceId, int firstEpoch) {
    DownlinkKeys keys =
        new DownlinkKeys(
            EnvelopeKey.derive(
                own.getPrivate(), gateway, deviceId, firstEpoch, Direction.DOWNLINK));
    for (int e = firstEpoch + 1; e <= epoch; e++) {
      keys.add(EnvelopeKey.derive(own.getPrivate(), gateway, deviceId, e, Direction.DOWNLINK));
    }
    return keys;
  }

  KeyRotation.KeyPairRef pairRef() {
    return new KeyRotation.KeyPairRef(own.getPrivate(), gateway);
  }

  /** The box's key and enrolled certificate, trusting the fleet CA: for an ssl:// broker. */
  static Optional<SSLContext> tls(DeviceConfig config) throws IOException {
    if (config.tlsCertificate().isEmpty() || config.tlsCa().isEmpty()) {
      return Optional.empty();
    }
    Path keys = config.dataDir().resolve("keys").resolve(DeviceKeys.PRIVATE_FILE);
    return Optional.of(
        PemTls.context(
            Files.readString(keys),
            Files.readString(config.tlsCertificate().get()),
            Files.readString(config.tlsCa().get())));
  }
}
