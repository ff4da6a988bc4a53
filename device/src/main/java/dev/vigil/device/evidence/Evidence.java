package dev.vigil.device.evidence;

import dev.vigil.protocol.pb.SignedManifest;
import java.util.List;

/**
 * A signed manifest and the vault files it names, ready to upload.
 *
 * @param urgent the snapshots of an alarm: sent before any segment
 */
public record Evidence(SignedManifest manifest, List<VaultEntry> files, boolean urgent) {}
