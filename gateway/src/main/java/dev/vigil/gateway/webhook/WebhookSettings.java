package dev.vigil.gateway.webhook;

import java.net.URI;
import java.nio.file.Path;

/**
 * The webhook sink's settings ({@code webhook.*} in {@code config/gateway.properties}). The secret
 * itself is not here: it is read from {@code secretFile} at start, so it never shows in a log line
 * that prints the configuration.
 *
 * @param url where alerts are POSTed (http or https)
 * @param secretFile the file holding the shared HMAC secret
 * @param timeoutMs how long one POST may take, connecting included
 * @param pollMs how often the deliverer looks for due deliveries when nothing woke it
 */
public record WebhookSettings(
    URI url, Path secretFile, long timeoutMs, RetryPolicy retry, long pollMs) {

  /**
   * How long a claimed delivery stays with its gateway: longer than one POST and its bookkeeping,
   * so that only a gateway that died loses its claim.
   */
  public long leaseMs() {
    return 2 * timeoutMs + 10_000;
  }
}
