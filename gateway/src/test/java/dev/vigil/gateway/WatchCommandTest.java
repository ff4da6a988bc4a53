package dev.vigil.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil-gateway watch}: bad options stop it before it connects, naming the option. */
@Timeout(10)
class WatchCommandTest {
  @TempDir Path folder;

  private static String refusal(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        GatewayMain.run(
            args,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    return err.toString(StandardCharsets.UTF_8).strip();
  }

  @Test
  void theGatewayMustBeAnHttpUrl() {
    assertEquals(
        "vigil-gateway: --gateway must be http://HOST:PORT or https://...: tcp://127.0.0.1:1",
        refusal("watch", "--plain", "--gateway", "tcp://127.0.0.1:1"));
  }

  @Test
  void theTokenFileMustExistAndHoldOneToken() throws Exception {
    Path missing = folder.resolve("missing");
    assertEquals(
        "vigil-gateway: --token-file " + missing + " does not exist",
        refusal("watch", "--token-file", missing.toString()));
    Path empty = Files.writeString(folder.resolve("empty"), "\n");
    assertEquals(
        "vigil-gateway: --token-file " + empty + " must hold one token",
        refusal("watch", "--token-file", empty.toString(), "--plain"));
  }

  @Test
  void plainIsAFlagAndOtherOptionsNeedValues() {
    assertEquals(
        "vigil-gateway: --operator needs a value", refusal("watch", "--plain", "--operator"));
  }
}
