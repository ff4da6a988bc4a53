package dev.vigil.gateway.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test in CI: 100 SIGKILLs of the agent and two of the gateway, each at a random moment,
 * then nothing the agent confirmed may be missing and nothing may be stored twice. It checks the
 * harness's own printed verdict, the line {@code scripts/chaos-kill} ends with.
 */
class ChaosKillIT {
  private static final Pattern VERDICT =
      Pattern.compile("cycles=(\\d+) accepted=(\\d+) stored=(\\d+) lost=(\\d+) duplicates=(\\d+)");

  @TempDir Path work;

  @Test
  @Timeout(600)
  void hundredKillsLoseNothingTheAgentConfirmedAndStoreNothingTwice() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(new Tee(captured, System.out), true, StandardCharsets.UTF_8);
    int status =
        ChaosKill.run(
            new String[] {"--cycles", "100", "--root", "..", "--work", work.toString()}, out);
    String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
    Matcher verdict = VERDICT.matcher(lines[lines.length - 1]);
    assertTrue(verdict.matches(), "last line is the verdict: " + lines[lines.length - 1]);
    assertEquals(100, Integer.parseInt(verdict.group(1)));
    long accepted = Long.parseLong(verdict.group(2));
    assertTrue(
        accepted >= 500, "the agent confirmed enough records to mean something: " + accepted);
    assertTrue(Long.parseLong(verdict.group(3)) >= accepted, "stored covers accepted");
    assertEquals(0, Long.parseLong(verdict.group(4)), "lost");
    assertEquals(0, Long.parseLong(verdict.group(5)), "duplicates");
    assertEquals(0, status, "exit status");
  }

  /** Writes to both streams: the verdict is parsed, and the run stays visible in the test log. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int octet) throws java.io.IOException {
      a.write(octet);
      b.write(octet);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
      a.write(bytes, offset, length);
      b.write(bytes, offset, length);
    }
  }
}
