package dev.vigil.device.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which vault recordings answer a request for a time window (pure): those of the requested sources
 * that overlap [from, to). Also says what was asked for and is not there, so the device can tell
 * the control room instead of staying silent.
 *
 * @param files the recordings to upload, in the vault's order
 * @param unknown requested names that are no camera or microphone of this device
 * @param empty known requested sources with nothing in the window (retention, or not recording)
 */
public record WindowSelection(List<VaultEntry> files, List<String> unknown, List<String> empty) {
  /**
   * @param inWindow the vault's recordings overlapping the window ({@link SegmentVault#window})
   * @param sources every camera and microphone of the device
   * @param requested the names asked for; empty means every source
   */
  public static WindowSelection select(
      List<VaultEntry> inWindow, List<String> sources, List<String> requested) {
    List<String> wanted = requested.isEmpty() ? sources : requested;
    List<String> unknown = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    List<VaultEntry> files = new ArrayList<>();
    for (String name : Set.copyOf(wanted).stream().sorted().toList()) {
      if (!sources.contains(name)) {
        unknown.add(name);
        continue;
      }
      List<VaultEntry> own =
          inWindow.stream().filter(e -> e.header().source().equals(name)).toList();
      if (own.isEmpty()) {
        empty.add(name);
      }
      files.addAll(own);
    }
    return new WindowSelection(keepOrder(inWindow, files), unknown, empty);
  }

  /** Whether everything asked for was found. */
  public boolean complete() {
    return unknown.isEmpty() && empty.isEmpty();
  }

  private static List<VaultEntry> keepOrder(List<VaultEntry> all, List<VaultEntry> chosen) {
    return all.stream().filter(chosen::contains).toList();
  }
}
