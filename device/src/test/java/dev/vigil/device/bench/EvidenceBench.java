package dev.vigil.device.bench;

import dev.vigil.device.camera.CameraManager;
import dev.vigil.device.camera.CaptureListener;
import dev.vigil.device.camera.CaptureSpec;
import dev.vigil.device.camera.OsProcessLauncher;
import dev.vigil.device.evidence.SegmentVault;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.media.MediaHeader;
import dev.vigil.protocol.media.SealedMedia;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Evidence benchmark, printing its figures:
 *
 * <ol>
 *   <li>sealing throughput in memory (ECDH + HKDF + AES-256-GCM per 500 kB segment, the size of 2 s
 *       at 2 Mbit/s), then through the vault (seal, write, fsync, rename);
 *   <li>three 720p cameras at 2 Mbit/s (ffmpeg lavfi testsrc, libx264 ultrafast) managed and sealed
 *       for {@code seconds}: this JVM's CPU (% of one core) and RSS, and the ffmpeg processes' CPU
 *       reported separately.
 * </ol>
 *
 * <p>Arguments: {@code [seconds=60] [vault-dir=target/bench-vault] [ram-dir=/dev/shm/vigil-bench]}.
 */
public final class EvidenceBench {
  private static final PrintStream OUT = System.out;
  private static final int SEGMENT_BYTES = 500_000;

  private EvidenceBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    Path vaultDir = Path.of(args.length > 1 ? args[1] : "target/bench-vault");
    Path ramDir = Path.of(args.length > 2 ? args[2] : "/dev/shm/vigil-bench");
    KeyPair gateway = KeyPairs.generateP256();
    sealingInMemory(gateway);
    sealingThroughVault(gateway, vaultDir.resolve("seal"));
    cameras(gateway, vaultDir.resolve("cameras"), ramDir, seconds);
  }

  private static void sealingInMemory(KeyPair gateway) throws Exception {
    byte[] segment = new byte[SEGMENT_BYTES];
    new Random(1).nextBytes(segment);
    MediaHeader header =
        MediaHeader.of(MediaHeader.Kind.VIDEO_SEGMENT, 0, 2_000, segment, "cabin", "bench");
    for (int i = 0; i < 200; i++) {
      SealedMedia.seal(gateway.getPublic(), header, segment);
    }
    int n = 400;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      SealedMedia.seal(gateway.getPublic(), header, segment);
    }
    double s = (System.nanoTime() - start) / 1e9;
    double sealMbps = n * (double) SEGMENT_BYTES / 1e6 / s;
    double rawMbps = rawAesGcm(segment, n);
    OUT.printf(
        "sealing in memory: %d x %d kB in %.2f s = %.1f MB/s (%.2f ms per segment)%n",
        n, SEGMENT_BYTES / 1000, s, sealMbps, s * 1000 / n);
    OUT.printf(
        "reference, bare AES-256-GCM on the same buffers in the same run: %.1f MB/s;"
            + " sealing reaches %.0f%% of it%n",
        rawMbps, 100 * sealMbps / rawMbps);
  }

  /** The machine's own AES-GCM speed now, so a shared, loaded machine can be read as a ratio. */
  private static double rawAesGcm(byte[] segment, int n) throws Exception {
    byte[] key = new byte[32];
    byte[] out = new byte[segment.length + 16];
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      byte[] nonce = java.nio.ByteBuffer.allocate(12).putInt(8, i).array();
      javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          javax.crypto.Cipher.ENCRYPT_MODE,
          new javax.crypto.spec.SecretKeySpec(key, "AES"),
          new javax.crypto.spec.GCMParameterSpec(128, nonce));
      cipher.doFinal(segment, 0, segment.length, out, 0);
    }
    return n * (double) segment.length / 1e6 / ((System.nanoTime() - start) / 1e9);
  }

  private static void sealingThroughVault(KeyPair gateway, Path dir) throws Exception {
    SegmentVault vault =
        SegmentVault.open(
            new SegmentVault.Settings(dir, Duration.ofHours(72), 1L << 40),
            "bench",
            gateway.getPublic());
    byte[] segment = new byte[SEGMENT_BYTES];
    new Random(2).nextBytes(segment);
    Path ram = Files.createDirectories(dir.resolveSibling("seal-ram"));
    int n = 200;
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      Path file = Files.write(ram.resolve("s" + i + ".ts"), segment);
      vault.closed(
          new dev.vigil.device.camera.ClosedSegment(
              file, "cabin", false, t0.plusSeconds(2L * i), 2_000));
    }
    double s = (System.nanoTime() - start) / 1e9;
    OUT.printf(
        "sealing into the vault (read, seal, write, fsync, rename, delete): %.1f MB/s%n",
        n * (double) SEGMENT_BYTES / 1e6 / s);
    vault.sweep(t0.plus(Duration.ofDays(365)));
  }

  private static void cameras(KeyPair gateway, Path vaultDir, Path ramDir, int seconds)
      throws Exception {
    SegmentVault vault =
        SegmentVault.open(
            new SegmentVault.Settings(vaultDir, Duration.ofHours(72), 1L << 40),
            "bench",
            gateway.getPublic());
    List<CaptureSpec> specs = List.of(camera("cabin"), camera("road"), camera("cargo"));
    CameraManager manager =
        new CameraManager(
            specs,
            Optional.empty(),
            new CameraManager.Settings(
                ramDir,
                2,
                10,
                Duration.ofSeconds(10),
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                500),
            new OsProcessLauncher(),
            vault,
            silent(),
            Clock.systemUTC());
    manager.start();
    Thread.sleep(5_000);
    Usage java0 = Usage.self();
    Usage ffmpeg0 = Usage.children();
    long bytes0 = sealedBytes(vault);
    Thread.sleep(seconds * 1000L);
    Usage java1 = Usage.self();
    Usage ffmpeg1 = Usage.children();
    long sealed = sealedBytes(vault) - bytes0;
    manager.close();
    double javaCpu = 100.0 * (java1.cpuNs() - java0.cpuNs()) / (seconds * 1e9);
    double ffmpegCpu = 100.0 * (ffmpeg1.cpuNs() - ffmpeg0.cpuNs()) / (seconds * 1e9);
    Runtime rt = Runtime.getRuntime();
    OUT.printf(
        "three 720p cameras at 2 Mbit/s for %d s: sealed %.1f MB (%.2f Mbit/s)%n",
        seconds, sealed / 1e6, sealed * 8 / 1e6 / seconds);
    OUT.printf(
        "  Java agent side: CPU %.2f%% of one core, RSS %d MB, heap used %d MB (max %d MB)%n",
        javaCpu,
        java1.rssKb() / 1024,
        (rt.totalMemory() - rt.freeMemory()) >> 20,
        rt.maxMemory() >> 20);
    OUT.printf("  ffmpeg (3 processes, encoding): CPU %.1f%% of one core%n", ffmpegCpu);
    vault.sweep(Instant.now().plus(Duration.ofDays(365)));
  }

  private static long sealedBytes(SegmentVault vault) {
    return vault.entries().stream().mapToLong(e -> e.sealedBytes()).sum();
  }

  private static CaptureSpec camera(String name) {
    return new CaptureSpec(
        name, CaptureSpec.Source.LAVFI, "testsrc", 1280, 720, 15, 2_000, "libx264");
  }

  private static CaptureListener silent() {
    return new CaptureListener() {
      @Override
      public void tamper(String camera, TamperReason reason, Instant at) {
        OUT.println("TAMPER " + camera + " " + reason);
      }

      @Override
      public void fault(String capture, String problem, Instant at) {}

      @Override
      public void recovered(String capture, Instant at) {}
    };
  }

  /** CPU time and RSS of this JVM, or the summed CPU time of its child processes. */
  private record Usage(long cpuNs, long rssKb) {
    static Usage self() throws Exception {
      long cpu = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
      long rss = 0;
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return new Usage(cpu, rss);
    }

    static Usage children() {
      long cpu =
          ProcessHandle.current()
              .descendants()
              .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
              .sum();
      return new Usage(cpu, 0);
    }
  }
}
