package dev.vigil.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(5)
class WebhookSecretTest {
  @TempDir Path folder;

  @Test
  void theSecretIsTheFilesContentWithoutTheTrailingNewline() throws Exception {
    Path file = Files.writeString(folder.resolve("secret"), "0123456789abcdef0123\n");
    assertArrayEquals(
        "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8), Webhook.readSecret(file));
  }

  @Test
  void aMissingEmptyOrShortSecretFailsNamingTheKey() throws Exception {
    Path missing = folder.resolve("nowhere");
    Path empty = Files.writeString(folder.resolve("empty"), " \n");
    Path shorter = Files.writeString(folder.resolve("short"), "0123456789abcde\n");
    for (Path file : new Path[] {missing, empty, shorter}) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> Webhook.readSecret(file));
      assertTrue(e.getMessage().startsWith("webhook.secret-file"), e.getMessage());
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
  }
}
