package dev.vigil.gateway.media;

import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.media.Hashes;
import dev.vigil.protocol.media.ManifestSignature;
import dev.vigil.protocol.pb.MediaItem;
import dev.vigil.protocol.pb.MediaManifest;
import dev.vigil.protocol.pb.SignedManifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checks an incident package offline (see {@link IncidentPackage} for its layout) and says exactly
 * what does not verify, one finding per line; nothing here needs the gateway or its database. The
 * package verifies when there is no {@code FAIL} finding.
 */
public final class EvidenceVerifier {
  static final String SUMS = "SHA256SUMS";
  static final String SUMS_SIG = "SHA256SUMS.sig";
  static final String GATEWAY_KEY = "gateway-public-key.pem";
  static final String DEVICE_KEY = "device-public-key.pem";

  /** One check's outcome. */
  public record Finding(boolean ok, String what) {
    @Override
    public String toString() {
      return (ok ? "OK   " : "FAIL ") + what;
    }
  }

  private EvidenceVerifier() {}

  public static boolean verified(List<Finding> findings) {
    return !findings.isEmpty() && findings.stream().allMatch(Finding::ok);
  }

  public static List<Finding> verify(byte[] zip) throws IOException {
    List<Finding> findings = new ArrayList<>();
    Map<String, byte[]> files = new LinkedHashMap<>();
    try {
      unzip(zip, files);
    } catch (IOException e) {
      String at = files.isEmpty() ? "its start" : "after " + String.join(", ", files.keySet());
      findings.add(new Finding(false, "the archive is damaged at " + at + ": " + e.getMessage()));
      return findings;
    }
    sums(files, findings);
    Map<String, MediaItem> signed = manifests(files, findings);
    media(files, signed, findings);
    return findings;
  }

  private static void sums(Map<String, byte[]> files, List<Finding> out) {
    byte[] sums = files.get(SUMS);
    if (sums == null || !files.containsKey(SUMS_SIG) || !files.containsKey(GATEWAY_KEY)) {
      out.add(new Finding(false, "SHA256SUMS, its signature or the gateway key is missing"));
      return;
    }
    PublicKey gateway = key(files.get(GATEWAY_KEY));
    boolean sigOk = gateway != null && ManifestSignature.verify(gateway, sums, files.get(SUMS_SIG));
    out.add(new Finding(sigOk, "SHA256SUMS signature by " + GATEWAY_KEY));
    List<String> listed = new ArrayList<>();
    for (String line : new String(sums, StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String name = line.substring(66);
      listed.add(name);
      byte[] file = files.get(name);
      String actual = file == null ? "absent" : HexFormat.of().formatHex(Hashes.sha256(file));
      boolean ok = actual.equals(line.substring(0, 64));
      out.add(
          new Finding(
              ok,
              name + (ok ? " matches SHA256SUMS" : " differs from SHA256SUMS (" + actual + ")")));
    }
    for (String name : files.keySet()) {
      if (!listed.contains(name) && !List.of(SUMS, SUMS_SIG, GATEWAY_KEY).contains(name)) {
        out.add(new Finding(false, name + " is not listed in SHA256SUMS"));
      }
    }
  }

  /** Items of every manifest whose device signature verifies, by media id. */
  private static Map<String, MediaItem> manifests(Map<String, byte[]> files, List<Finding> out) {
    Map<String, MediaItem> items = new LinkedHashMap<>();
    PublicKey device = files.containsKey(DEVICE_KEY) ? key(files.get(DEVICE_KEY)) : null;
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      if (!file.getKey().startsWith("manifests/")) {
        continue;
      }
      try {
        SignedManifest signed = SignedManifest.parseFrom(file.getValue());
        byte[] bytes = signed.getManifest().toByteArray();
        boolean ok =
            device != null
                && ManifestSignature.verify(device, bytes, signed.getSignature().toByteArray());
        out.add(new Finding(ok, file.getKey() + " device signature"));
        if (ok) {
          MediaManifest.parseFrom(bytes).getItemsList().forEach(i -> items.put(i.getMediaId(), i));
        }
      } catch (IOException e) {
        out.add(new Finding(false, file.getKey() + " is not a SignedManifest"));
      }
    }
    return items;
  }

  private static void media(
      Map<String, byte[]> files, Map<String, MediaItem> signed, List<Finding> out) {
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String name = file.getKey();
      if (!name.startsWith("media/")) {
        continue;
      }
      String id = name.substring(6, name.lastIndexOf('.'));
      MediaItem item = signed.get(id);
      if (item == null) {
        out.add(new Finding(false, name + " is not named by any verified manifest"));
        continue;
      }
      boolean ok =
          Arrays.equals(Hashes.sha256(file.getValue()), item.getPlaintextSha256().toByteArray());
      out.add(
          new Finding(
              ok, name + (ok ? " matches its signed hash" : " does not match its signed hash")));
    }
    for (String id : signed.keySet()) {
      if (files.keySet().stream().noneMatch(n -> n.startsWith("media/" + id + "."))) {
        out.add(
            new Finding(
                true, "note: media " + id + " is named by a manifest but was never uploaded"));
      }
    }
  }

  private static PublicKey key(byte[] pem) {
    try {
      return KeyPairs.publicFromPem(new String(pem, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void unzip(byte[] zip, Map<String, byte[]> files) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        files.put(entry.getName(), in.readAllBytes());
      }
    }
    if (files.isEmpty()) {
      throw new IOException("no entries (not a zip archive)");
    }
  }
}
