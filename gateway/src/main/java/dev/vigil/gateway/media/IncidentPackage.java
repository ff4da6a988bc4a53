package dev.vigil.gateway.media;

import dev.vigil.gateway.store.TelemetryStore;
import dev.vigil.protocol.alert.AlertJson;
import dev.vigil.protocol.alert.ControlAlert;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.media.Hashes;
import dev.vigil.protocol.media.ManifestSignature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One alert's evidence as a single zip a third party can check offline ({@link EvidenceVerifier}):
 *
 * <pre>
 * README.txt               what is inside and how to verify it
 * alert.json               the alert as the control room received it (JSON v1)
 * track.csv                the vehicle's positions from 30 min before to 30 min after the alert
 * device-public-key.pem    the key that signed the manifests (check it against the registry)
 * manifests/N.signed.pb    each SignedManifest exactly as the device sent it
 * media/ID.jpg, media/ID.ts  each recording, opened; its SHA-256 is in a signed manifest
 * clips/CAMERA.ts          each camera's segments joined (-c copy); derived, so not signed
 * SHA256SUMS               sha256sum lines for every file above
 * SHA256SUMS.sig           ECDSA P-256 signature of SHA256SUMS by the gateway
 * gateway-public-key.pem   the key that signed SHA256SUMS
 * </pre>
 *
 * The recordings chain to the device's signature; everything else to the gateway's. Exporting puts
 * the alert's recordings under legal hold and is written to the audit log.
 */
public final class IncidentPackage {
  static final Duration TRACK_MARGIN = Duration.ofMinutes(30);

  private final TelemetryStore store;
  private final MediaRepository repository;
  private final MediaAccess access;
  private final MediaRetention retention;
  private final KeyPair gatewayKeys;
  private final DeviceKeys deviceKeys;
  private final Clock clock;

  /** The registered public key of a device. */
  public interface DeviceKeys {
    PublicKey of(String deviceId) throws SQLException;
  }

  public IncidentPackage(
      TelemetryStore store,
      MediaRepository repository,
      MediaAccess access,
      MediaRetention retention,
      KeyPair gatewayKeys,
      DeviceKeys deviceKeys,
      Clock clock) {
    this.store = store;
    this.repository = repository;
    this.access = access;
    this.retention = retention;
    this.gatewayKeys = gatewayKeys;
    this.deviceKeys = deviceKeys;
    this.clock = clock;
  }

  /** The zip of an alert; throws IllegalArgumentException for an unknown alert. */
  public byte[] export(String alertId, MediaAccess.Requester who) throws SQLException, IOException {
    ControlAlert alert =
        store.recentAlerts(1_000).stream()
            .filter(a -> a.alertId().equals(alertId))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no recent alert " + alertId));
    repository.audit(clock.instant(), who.operator(), "EXPORT", alertId, who.reason());
    retention.hold(alertId, who, clock.instant());
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("README.txt", readme().getBytes(StandardCharsets.UTF_8));
    files.put("alert.json", AlertJson.write(alert));
    files.put("track.csv", track(alert));
    files.put("device-public-key.pem", pem(deviceKeys.of(alert.deviceId())));
    int n = 1;
    for (byte[] manifest : repository.manifests(alertId)) {
      files.put("manifests/" + n++ + ".signed.pb", manifest);
    }
    recordings(alertId, who, files);
    return zip(files);
  }

  private void recordings(String alertId, MediaAccess.Requester who, Map<String, byte[]> files)
      throws SQLException, IOException {
    java.util.Set<String> cameras = new java.util.TreeSet<>();
    for (MediaRepository.Item item : repository.itemsOfAlert(alertId)) {
      if (!item.stored()) {
        continue;
      }
      String suffix = item.kind() == 3 ? ".jpg" : ".ts";
      files.put("media/" + item.mediaId() + suffix, access.view(item.mediaId(), who));
      if (item.kind() == 1) {
        cameras.add(item.source());
      }
    }
    for (String camera : cameras) {
      files.put("clips/" + camera + ".ts", access.clip(alertId, camera, who));
    }
  }

  private byte[] track(ControlAlert alert) throws SQLException {
    StringBuilder csv = new StringBuilder("fix_time,lat_deg,lon_deg,speed_mps,heading_deg\n");
    var from = alert.raisedAt().minus(TRACK_MARGIN);
    var to = alert.raisedAt().plus(TRACK_MARGIN);
    for (var p : store.positions(alert.vehicleId(), from, to, 10_000)) {
      csv.append(p.fixTime()).append(',').append(p.latDeg()).append(',').append(p.lonDeg());
      csv.append(',').append(p.speedMps()).append(',').append(p.headingDeg()).append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] zip(Map<String, byte[]> files) throws IOException {
    StringBuilder sums = new StringBuilder();
    files.forEach(
        (name, bytes) ->
            sums.append(HexFormat.of().formatHex(Hashes.sha256(bytes)))
                .append("  ")
                .append(name)
                .append('\n'));
    byte[] sumsBytes = sums.toString().getBytes(StandardCharsets.UTF_8);
    files.put(EvidenceVerifier.SUMS, sumsBytes);
    files.put(
        EvidenceVerifier.SUMS_SIG, ManifestSignature.sign(gatewayKeys.getPrivate(), sumsBytes));
    files.put(EvidenceVerifier.GATEWAY_KEY, pem(gatewayKeys.getPublic()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(file.getKey()));
        zip.write(file.getValue());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static byte[] pem(PublicKey key) {
    return KeyPairs.toPem(key).getBytes(StandardCharsets.US_ASCII);
  }

  private static String readme() {
    return """
        Vigil incident package.
        Verify offline: scripts/vigil-gateway verify-evidence THIS.zip
        1. SHA256SUMS lists every file; SHA256SUMS.sig is the gateway's ECDSA P-256 (SHA-256)
           signature of it, checkable with gateway-public-key.pem.
        2. Each manifests/N.signed.pb is a vigil.v1.SignedManifest; its signature is the device's
           (device-public-key.pem; confirm that key with the fleet's registry) over the manifest.
        3. Each media/ID file hashes (SHA-256) to the plaintext_sha256 of the manifest item ID.
        clips/ are the segments joined without re-encoding, for viewing; the signed originals
        are in media/.
        """;
  }
}
