package dev.vigil.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.media.Hashes;
import dev.vigil.protocol.media.ManifestSignature;
import dev.vigil.protocol.pb.MediaItem;
import dev.vigil.protocol.pb.MediaManifest;
import dev.vigil.protocol.pb.SignedManifest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil-gateway verify-evidence FILE} on a small package built by hand. */
@Timeout(20)
class VerifyEvidenceCommandTest {
  @TempDir Path folder;
  private final KeyPair device = KeyPairs.generateP256();
  private final KeyPair gateway = KeyPairs.generateP256();
  private final byte[] picture =
      "a JPEG, as far as this test cares".getBytes(StandardCharsets.UTF_8);

  @Test
  void anIntactPackageVerifiesAndAFlippedByteIsNamed() throws Exception {
    Map<String, byte[]> files = packageFiles();
    assertEquals(0, run(zip(files)).exitCode());

    String media = "media/" + Hashes.mediaId("sealed".getBytes(StandardCharsets.UTF_8)) + ".jpg";
    files.get(media)[3] ^= 1;
    Result tampered = run(zip(files));
    assertEquals(1, tampered.exitCode());
    assertTrue(
        tampered.out().contains("FAIL " + media + " does not match its signed hash"),
        tampered.out());
    assertTrue(
        tampered.out().contains("FAIL " + media + " differs from SHA256SUMS"), tampered.out());
    assertTrue(tampered.out().contains("NOT VERIFIED: 2 problem(s)"), tampered.out());
  }

  @Test
  void aForgedManifestSignatureIsNamed() throws Exception {
    Map<String, byte[]> files = packageFiles();
    files.put(
        "device-public-key.pem",
        KeyPairs.toPem(gateway.getPublic()).getBytes(StandardCharsets.US_ASCII));
    Result result = run(zip(withSums(files)));
    assertEquals(1, result.exitCode());
    assertTrue(result.out().contains("FAIL manifests/1.signed.pb device signature"), result.out());
  }

  private record Result(int exitCode, String out) {}

  private Result run(byte[] zip) throws Exception {
    Path file = Files.write(folder.resolve("incident.zip"), zip);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        GatewayMain.run(
            new String[] {"verify-evidence", file.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream()));
    return new Result(code, out.toString(StandardCharsets.UTF_8));
  }

  private Map<String, byte[]> packageFiles() {
    String mediaId = Hashes.mediaId("sealed".getBytes(StandardCharsets.UTF_8));
    byte[] manifest =
        MediaManifest.newBuilder()
            .setDeviceId("dev-1")
            .setAlarmId("a-1")
            .addItems(
                MediaItem.newBuilder()
                    .setMediaId(mediaId)
                    .setPlaintextSha256(ByteString.copyFrom(Hashes.sha256(picture))))
            .build()
            .toByteArray();
    SignedManifest signed =
        SignedManifest.newBuilder()
            .setManifest(ByteString.copyFrom(manifest))
            .setSignature(
                ByteString.copyFrom(ManifestSignature.sign(device.getPrivate(), manifest)))
            .build();
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("alert.json", "{}".getBytes(StandardCharsets.UTF_8));
    files.put(
        "device-public-key.pem",
        KeyPairs.toPem(device.getPublic()).getBytes(StandardCharsets.US_ASCII));
    files.put("manifests/1.signed.pb", signed.toByteArray());
    files.put("media/" + mediaId + ".jpg", picture.clone());
    return withSums(files);
  }

  /** Adds SHA256SUMS for the files as they are now, signed by the gateway. */
  private Map<String, byte[]> withSums(Map<String, byte[]> files) {
    files.remove("SHA256SUMS");
    files.remove("SHA256SUMS.sig");
    files.remove("gateway-public-key.pem");
    StringBuilder sums = new StringBuilder();
    files.forEach(
        (name, bytes) ->
            sums.append(HexFormat.of().formatHex(Hashes.sha256(bytes)))
                .append("  ")
                .append(name)
                .append('\n'));
    byte[] sumBytes = sums.toString().getBytes(StandardCharsets.UTF_8);
    files.put("SHA256SUMS", sumBytes);
    files.put("SHA256SUMS.sig", ManifestSignature.sign(gateway.getPrivate(), sumBytes));
    files.put(
        "gateway-public-key.pem",
        KeyPairs.toPem(gateway.getPublic()).getBytes(StandardCharsets.US_ASCII));
    return files;
  }

  private static byte[] zip(Map<String, byte[]> files) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(file.getKey()));
        zip.write(file.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
