package dev.vigil.gateway.broker;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The gateway's log as the tests see it ({@code target/test-gateway.log}, written by the file
 * writer in {@code tinylog-test.properties}). A test marks where it starts reading, then waits for
 * a line that contains every given fragment.
 */
public final class TestLog {
  static final Path FILE = Path.of("target/test-gateway.log");
  private long from;

  private TestLog(long from) {
    this.from = from;
  }

  /** Starts reading at the log's current end. */
  public static TestLog fromNow() throws IOException {
    return new TestLog(Files.exists(FILE) ? Files.size(FILE) : 0);
  }

  /** Waits up to 10 s for a line holding all {@code fragments}; fails naming them otherwise. */
  public String await(String... fragments) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : newLines()) {
        if (containsAll(line, fragments)) {
          return line;
        }
      }
      Thread.sleep(50);
    }
    fail("no log line with " + String.join(" + ", fragments) + " in " + FILE);
    return null;
  }

  private java.util.List<String> newLines() throws IOException {
    if (!Files.exists(FILE)) {
      return java.util.List.of();
    }
    byte[] all = Files.readAllBytes(FILE);
    int start = (int) Math.min(from, all.length);
    return java.util.List.of(
        new String(all, start, all.length - start, StandardCharsets.UTF_8).split("\n"));
  }

  private static boolean containsAll(String line, String... fragments) {
    for (String fragment : fragments) {
      if (!line.contains(fragment)) {
        return false;
      }
    }
    return true;
  }
}
