package dev.vigil.device.evidence;

import dev.vigil.device.camera.ClosedSegment;
import dev.vigil.device.camera.SegmentSink;
import dev.vigil.protocol.media.MediaHeader;
import dev.vigil.protocol.media.SealedMedia;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.tinylog.Logger;

/**
 * The ring buffer of sealed recordings on the SD card. Each closed segment is read from the RAM
 * folder, sealed to the gateway's public key ({@link SealedMedia}), written under a temporary name,
 * synced and renamed, and only then is the plaintext deleted. The vault can list its files by their
 * clear headers but cannot open them. Retention: {@link RetentionPlan}, with {@link VaultLocks}
 * keeping incident evidence until the gateway confirms it.
 */
public final class SegmentVault implements SegmentSink {
  /** Vault settings: how long recordings are kept and the disk they may use. */
  public record Settings(Path folder, Duration retention, long budgetBytes) {}

  static final String SUFFIX = ".vgm";
  private static final int HEADER_READ_BYTES = 512;

  private final Settings settings;
  private final String deviceId;
  private final PublicKey gateway;
  private final VaultLocks locks;
  private final Map<String, VaultEntry> entries = new TreeMap<>();

  private SegmentVault(Settings settings, String deviceId, PublicKey gateway, VaultLocks locks) {
    this.settings = settings;
    this.deviceId = deviceId;
    this.gateway = gateway;
    this.locks = locks;
  }

  /** Opens (or creates) the vault folder and indexes the files already in it. */
  public static SegmentVault open(Settings settings, String deviceId, PublicKey gateway)
      throws IOException {
    Files.createDirectories(settings.folder());
    VaultLocks locks = VaultLocks.open(settings.folder().resolve("locks.txt"));
    SegmentVault vault = new SegmentVault(settings, deviceId, gateway, locks);
    vault.index();
    return vault;
  }

  @Override
  public void closed(ClosedSegment segment) throws IOException {
    byte[] plaintext = Files.readAllBytes(segment.file());
    MediaHeader.Kind kind =
        segment.audio() ? MediaHeader.Kind.AUDIO_SEGMENT : MediaHeader.Kind.VIDEO_SEGMENT;
    store(kind, segment.start(), segment.durationMs(), segment.capture(), plaintext);
    Files.delete(segment.file());
  }

  /** Seals a snapshot picture taken at {@code at}; returns its entry. */
  public VaultEntry storeSnapshot(String camera, Instant at, byte[] jpeg) throws IOException {
    return store(MediaHeader.Kind.SNAPSHOT, at, 0, camera, jpeg);
  }

  private synchronized VaultEntry store(
      MediaHeader.Kind kind, Instant start, int durationMs, String source, byte[] plaintext)
      throws IOException {
    MediaHeader header =
        MediaHeader.of(kind, start.toEpochMilli(), durationMs, plaintext, source, deviceId);
    byte[] sealed = SealedMedia.seal(gateway, header, plaintext);
    String name = freeName(start.toEpochMilli() + "-" + source + "-" + kind.id());
    Path tmp = settings.folder().resolve(name + ".tmp");
    Files.write(tmp, sealed);
    try (var channel =
        java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(tmp, settings.folder().resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    VaultEntry entry = new VaultEntry(name, header, sealed.length);
    entries.put(name, entry);
    return entry;
  }

  private String freeName(String stem) {
    String name = stem + SUFFIX;
    for (int n = 1; entries.containsKey(name); n++) {
      name = stem + "." + n + SUFFIX;
    }
    return name;
  }

  /** The recordings overlapping [from, to), oldest first, snapshots excluded. */
  public synchronized List<VaultEntry> window(Instant from, Instant to) {
    return entries.values().stream()
        .filter(e -> e.header().kind() != MediaHeader.Kind.SNAPSHOT && e.overlaps(from, to))
        .sorted(Comparator.comparing(VaultEntry::start).thenComparing(VaultEntry::fileName))
        .toList();
  }

  public Path folder() {
    return settings.folder();
  }

  public synchronized List<VaultEntry> entries() {
    return List.copyOf(entries.values());
  }

  /** The sealed bytes of an entry, exactly as stored (for upload). */
  public byte[] read(VaultEntry entry) throws IOException {
    return Files.readAllBytes(settings.folder().resolve(entry.fileName()));
  }

  /** The files held for incidents and not yet confirmed by the gateway. */
  public synchronized List<VaultEntry> locked() {
    var names = locks.names();
    return entries.values().stream().filter(e -> names.contains(e.fileName())).toList();
  }

  /** {@code length} bytes of an entry's sealed file from {@code offset} (an upload chunk). */
  public byte[] read(VaultEntry entry, long offset, int length) throws IOException {
    try (var channel =
        java.nio.channels.FileChannel.open(settings.folder().resolve(entry.fileName()))) {
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(length);
      while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) >= 0) {
        // read until full or end of file
      }
      if (buffer.hasRemaining()) {
        throw new IOException(entry.fileName() + " is shorter than " + (offset + length));
      }
      return buffer.array();
    }
  }

  /** The content address of an entry (SHA-256 of its sealed bytes), streamed from the card. */
  public String mediaId(VaultEntry entry) throws IOException {
    java.security.MessageDigest digest = dev.vigil.protocol.media.Hashes.digest();
    try (InputStream in = Files.newInputStream(settings.folder().resolve(entry.fileName()))) {
      byte[] buffer = new byte[65_536];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return java.util.HexFormat.of().formatHex(digest.digest());
  }

  /** Keeps these files past retention and budget until {@link #confirmed}. */
  public synchronized void lock(List<VaultEntry> evidence) throws IOException {
    locks.add(evidence.stream().map(VaultEntry::fileName).toList());
  }

  /** The gateway holds these files now; they follow normal retention again. */
  public synchronized void confirmed(List<String> fileNames) throws IOException {
    locks.remove(fileNames);
  }

  /** Deletes what retention and the budget say; returns how many files went. */
  public synchronized int sweep(Instant now) throws IOException {
    List<VaultEntry> doomed =
        RetentionPlan.deletions(
            List.copyOf(entries.values()),
            locks.names(),
            now,
            settings.retention(),
            settings.budgetBytes());
    for (VaultEntry entry : doomed) {
      Files.deleteIfExists(settings.folder().resolve(entry.fileName()));
      entries.remove(entry.fileName());
    }
    return doomed.size();
  }

  /** Sweeps every {@code period} on a daemon thread until the returned handle is closed. */
  public AutoCloseable sweepEvery(Duration period, Clock clock) {
    var timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            sweep(clock.instant());
          } catch (IOException | RuntimeException e) {
            Logger.error("vault sweep failed: {}", e.getMessage());
          }
        },
        0,
        period.toMillis(),
        java.util.concurrent.TimeUnit.MILLISECONDS);
    return timer::shutdownNow;
  }

  private void index() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> listing = Files.list(settings.folder())) {
      listing.forEach(files::add);
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.endsWith(".tmp")) {
        Files.delete(file);
      } else if (name.endsWith(SUFFIX)) {
        indexOne(file, name);
      }
    }
  }

  private void indexOne(Path file, String name) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MediaHeader header = SealedMedia.header(in.readNBytes(HEADER_READ_BYTES));
      entries.put(name, new VaultEntry(name, header, Files.size(file)));
    } catch (RuntimeException e) {
      Logger.warn("vault file {} unreadable, left alone: {}", name, e.getMessage());
    }
  }
}
