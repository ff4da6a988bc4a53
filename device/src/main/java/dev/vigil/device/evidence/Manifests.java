package dev.vigil.device.evidence;

import com.google.protobuf.ByteString;
import dev.vigil.protocol.media.Hashes;
import dev.vigil.protocol.media.ManifestSignature;
import dev.vigil.protocol.pb.MediaItem;
import dev.vigil.protocol.pb.MediaKind;
import dev.vigil.protocol.pb.MediaManifest;
import dev.vigil.protocol.pb.SignedManifest;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;

/** Builds and signs media manifests (pure apart from the signature's randomness). */
public final class Manifests {
  private Manifests() {}

  /** A file named in a manifest: its vault entry and the SHA-256 of its sealed bytes, as hex. */
  public record Item(VaultEntry entry, String mediaId) {}

  public static MediaManifest manifest(
      String deviceId,
      String alarmId,
      Instant from,
      Instant to,
      Instant createdAt,
      List<Item> items) {
    MediaManifest.Builder manifest =
        MediaManifest.newBuilder()
            .setDeviceId(deviceId)
            .setAlarmId(alarmId)
            .setWindowFromMs(from.toEpochMilli())
            .setWindowToMs(to.toEpochMilli())
            .setCreatedAtMs(createdAt.toEpochMilli());
    for (Item item : items) {
      manifest.addItems(item(item));
    }
    return manifest.build();
  }

  public static SignedManifest sign(MediaManifest manifest, PrivateKey deviceKey) {
    byte[] bytes = manifest.toByteArray();
    return SignedManifest.newBuilder()
        .setManifest(ByteString.copyFrom(bytes))
        .setSignature(ByteString.copyFrom(ManifestSignature.sign(deviceKey, bytes)))
        .setAlgorithm(ManifestSignature.ALGORITHM)
        .build();
  }

  /** The item for sealed bytes just read from the vault. */
  public static Item itemOf(VaultEntry entry, byte[] sealed) {
    return new Item(entry, Hashes.mediaId(sealed));
  }

  private static MediaItem item(Item item) {
    var header = item.entry().header();
    return MediaItem.newBuilder()
        .setMediaId(item.mediaId())
        .setKind(MediaKind.forNumber(header.kind().id()))
        .setSource(header.source())
        .setStartMs(header.startMs())
        .setDurationMs(header.durationMs())
        .setPlaintextSha256(ByteString.copyFrom(header.plaintextSha256()))
        .setSealedBytes(item.entry().sealedBytes())
        .build();
  }
}
