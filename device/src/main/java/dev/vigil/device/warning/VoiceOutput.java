package dev.vigil.device.warning;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.tinylog.Logger;

/**
 * Speaks warnings: {@link #warn} queues the kind's prompt and returns at once; one thread plays the
 * queue in order. At most {@value #QUEUE} prompts wait: a driver who is behind by more than that
 * hears stale news, so further warnings are dropped, logged and counted.
 */
public final class VoiceOutput implements WarningOutput, AutoCloseable {
  static final int QUEUE = 3;

  private final VoicePrompts prompts;
  private final Speaker speaker;
  private final BlockingQueue<WarningKind> queue = new ArrayBlockingQueue<>(QUEUE);
  private final AtomicLong dropped = new AtomicLong();
  private final Thread player;
  private volatile boolean closing;

  public VoiceOutput(VoicePrompts prompts, Speaker speaker) {
    this.prompts = prompts;
    this.speaker = speaker;
    this.player = new Thread(this::playQueue, "voice-prompts");
    player.setDaemon(true);
    player.start();
  }

  @Override
  public void warn(WarningKind kind) {
    if (closing || !queue.offer(kind)) {
      dropped.incrementAndGet();
      Logger.warn("voice prompt {} dropped: {} prompts already waiting", kind, queue.size());
    }
  }

  /** Prompts dropped because the queue was full or the output was closing. */
  public long dropped() {
    return dropped.get();
  }

  private void playQueue() {
    while (true) {
      WarningKind kind;
      try {
        kind = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (kind == null) {
        if (closing) {
          return;
        }
        continue;
      }
      try {
        speaker.play(prompts.clip(kind));
      } catch (Exception e) {
        Logger.error(e, "voice prompt {} could not be played", kind);
      }
    }
  }

  /** Plays what is already queued (waiting at most 30 s), then releases the speaker. */
  @Override
  public void close() {
    closing = true;
    try {
      player.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    player.interrupt();
    speaker.close();
  }
}
