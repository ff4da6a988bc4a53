package dev.vigil.device.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Vault files held for an incident until the gateway confirms it has them: one file name per line,
 * rewritten atomically on every change so a power cut leaves the old or the new list.
 */
final class VaultLocks {
  private final Path file;
  private final Set<String> names = new TreeSet<>();

  private VaultLocks(Path file) {
    this.file = file;
  }

  static VaultLocks open(Path file) throws IOException {
    VaultLocks locks = new VaultLocks(file);
    if (Files.exists(file)) {
      Files.readAllLines(file).stream().filter(l -> !l.isBlank()).forEach(locks.names::add);
    }
    return locks;
  }

  Set<String> names() {
    return Set.copyOf(names);
  }

  void add(Collection<String> fileNames) throws IOException {
    if (names.addAll(fileNames)) {
      save();
    }
  }

  void remove(Collection<String> fileNames) throws IOException {
    if (names.removeAll(fileNames)) {
      save();
    }
  }

  private void save() throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".new");
    Files.write(tmp, names);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
