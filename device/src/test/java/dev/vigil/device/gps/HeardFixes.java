package dev.vigil.device.gps;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** What a GNSS source told its listener, for the source ITs: fixes, its first loss and recovery. */
final class HeardFixes implements GnssListener {
  final List<GnssFix> fixes = new CopyOnWriteArrayList<>();
  final CountDownLatch lost = new CountDownLatch(1);
  final CountDownLatch recovered = new CountDownLatch(1);

  @Override
  public void onFix(GnssFix fix) {
    fixes.add(fix);
  }

  @Override
  public void onLost(String reason) {
    lost.countDown();
  }

  @Override
  public void onRecovered() {
    recovered.countDown();
  }

  /** Waits up to 30 s for {@code atLeast} fixes, and fails if they do not come. */
  void awaitFixes(int atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (fixes.size() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(fixes.size() >= atLeast, "fixes: " + fixes.size() + ", wanted " + atLeast);
  }
}
