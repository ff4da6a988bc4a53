package dev.vigil.device.evidence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which vault files to delete (pure): every unlocked file that ended more than {@code retention}
 * ago, then the oldest unlocked files until the rest fit in {@code budgetBytes}. A locked file
 * (evidence of an incident not yet confirmed by the gateway) is never chosen, even over budget.
 */
public final class RetentionPlan {
  private RetentionPlan() {}

  public static List<VaultEntry> deletions(
      List<VaultEntry> entries,
      Set<String> locked,
      Instant now,
      Duration retention,
      long budgetBytes) {
    List<VaultEntry> oldestFirst = new ArrayList<>(entries);
    oldestFirst.sort(Comparator.comparing(VaultEntry::start).thenComparing(VaultEntry::fileName));
    long total = entries.stream().mapToLong(VaultEntry::sealedBytes).sum();
    Instant cutoff = now.minus(retention);
    List<VaultEntry> delete = new ArrayList<>();
    for (VaultEntry entry : oldestFirst) {
      if (locked.contains(entry.fileName())) {
        continue;
      }
      if (entry.end().isBefore(cutoff) || total > budgetBytes) {
        delete.add(entry);
        total -= entry.sealedBytes();
      }
    }
    return delete;
  }
}
