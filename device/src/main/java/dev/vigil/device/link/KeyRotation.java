package dev.vigil.device.link;

import dev.vigil.protocol.envelope.Direction;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.pb.DeviceSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Optional;
import java.util.OptionalInt;
import org.tinylog.Logger;

/**
 * Follows the gateway's key rotation: a {@code down/config} message, sealed under a key this device
 * holds, names a newer epoch; the agent derives that epoch's keys (ECDH with the gateway's public
 * key, HKDF with the epoch), seals new records under it, and keeps the epoch in {@code
 * data.dir/key-epoch} so a restart stays on it. Anything else on the topic is logged and ignored.
 */
public final class KeyRotation {
  public static final String EPOCH_FILE = "key-epoch";

  private final SealedDownlink<DeviceSettings> settingsTopic;
  private final String deviceId;
  private final PrivateKey own;
  private final PublicKey gateway;
  private final SealedUplink uplink;
  private final DownlinkKeys downlink;
  private final Path dataDir;

  public KeyRotation(
      String topic,
      String deviceId,
      KeyPairRef keys,
      SealedUplink uplink,
      DownlinkKeys downlink,
      Path dataDir) {
    this.settingsTopic = new SealedDownlink<>(topic, downlink, DeviceSettings.parser());
    this.deviceId = deviceId;
    this.own = keys.own();
    this.gateway = keys.gateway();
    this.uplink = uplink;
    this.downlink = downlink;
    this.dataDir = dataDir;
  }

  /** The device's private key and the gateway's public key. */
  public record KeyPairRef(PrivateKey own, PublicKey gateway) {}

  /** The epoch a restarted agent resumes, if a rotation was followed before. */
  public static OptionalInt storedEpoch(Path dataDir) throws IOException {
    Path file = dataDir.resolve(EPOCH_FILE);
    if (!Files.exists(file)) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(Files.readString(file).strip()));
    } catch (NumberFormatException e) {
      throw new IOException(file + " does not hold an epoch number", e);
    }
  }

  public void onMessage(byte[] message) {
    Optional<DeviceSettings> settings = settingsTopic.open(message);
    if (settings.isEmpty() || settings.get().getKeyEpoch() <= uplink.epoch()) {
      return;
    }
    try {
      switchTo(settings.get().getKeyEpoch());
    } catch (IOException e) {
      Logger.error(
          "could not keep key epoch: {}; staying on epoch {}", e.getMessage(), uplink.epoch());
    }
  }

  private void switchTo(int epoch) throws IOException {
    Path temp = dataDir.resolve(EPOCH_FILE + ".tmp");
    Files.writeString(temp, Integer.toString(epoch), StandardCharsets.US_ASCII);
    Files.move(temp, dataDir.resolve(EPOCH_FILE), StandardCopyOption.ATOMIC_MOVE);
    downlink.add(EnvelopeKey.derive(own, gateway, deviceId, epoch, Direction.DOWNLINK));
    int old = uplink.epoch();
    uplink.switchTo(EnvelopeKey.derive(own, gateway, deviceId, epoch, Direction.UPLINK));
    Logger.info("key epoch {} -> {}: new records are sealed under the new keys", old, epoch);
  }
}
