package dev.vigil.gateway;

import dev.vigil.gateway.alerts.AlertSettings;
import dev.vigil.gateway.alerts.EscalationPolicy;
import dev.vigil.gateway.retention.RetentionSettings;
import dev.vigil.gateway.webhook.RetryPolicy;
import dev.vigil.gateway.webhook.WebhookSettings;
import dev.vigil.protocol.alert.Severity;
import dev.vigil.protocol.settings.Settings;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Every gateway setting, read and checked once at start. Each key is documented in {@code
 * config/gateway.properties}; a bad value stops the gateway with the key's name. Relative paths
 * resolve against the working directory.
 */
public record GatewayConfig(
    Path dataDir,
    Optional<String> mqttUrl,
    String embeddedBind,
    int embeddedPort,
    boolean embeddedPersistent,
    String clientId,
    String shareGroup,
    int receiveMaximum,
    long sessionExpiryS,
    int ingestConnections,
    String httpBind,
    int httpPort,
    String dbUrl,
    String dbUser,
    String dbPassword,
    int keyEpoch,
    int ingestBatchMax,
    int ingestWriters,
    Duration lateAfter,
    List<String> alertSinks,
    boolean embeddedTls,
    List<String> embeddedTlsNames,
    Optional<String> enrolBrokerUrl,
    Duration revocationPoll,
    Duration keyGrace,
    Path mediaDir,
    Duration mediaRetention,
    AlertSettings alertSettings,
    Optional<WebhookSettings> webhook,
    RetentionSettings retention) {

  public static final List<String> SINKS = List.of("mqtt", "log", "webhook");

  /** Loads {@code file} (when given), then applies {@code overrides} on top. */
  public static GatewayConfig load(Optional<Path> file, Map<String, String> overrides)
      throws IOException {
    Properties properties = new Properties();
    if (file.isPresent()) {
      try (Reader reader = Files.newBufferedReader(file.get())) {
        properties.load(reader);
      }
    }
    properties.putAll(overrides);
    return from(new Settings(properties, file.map(Path::toString).orElse("gateway settings")));
  }

  static GatewayConfig from(Settings s) {
    Path cwd = Path.of("").toAbsolutePath();
    Path dataDir = s.path("data.dir", cwd, "var/gateway");
    // Auto-server mode lets the operator's commands (token create, revoke) open the database while
    // the gateway runs: the second process talks to the first over a local TCP port.
    String defaultDb =
        "jdbc:h2:file:" + dataDir.resolve("db").resolve("vigil") + ";AUTO_SERVER=TRUE";
    List<String> sinks =
        Arrays.stream(s.string("alerts.sinks", "mqtt,log").split(","))
            .map(String::strip)
            .filter(x -> !x.isEmpty())
            .toList();
    for (String sink : sinks) {
      if (!SINKS.contains(sink)) {
        throw s.bad("alerts.sinks", sink, "is not one of " + SINKS);
      }
    }
    GatewayConfig config =
        new GatewayConfig(
            dataDir,
            s.optional("mqtt.url"),
            s.string("mqtt.embedded.bind", "127.0.0.1"),
            s.integer("mqtt.embedded.port", 1883, 1, 65535),
            s.bool("mqtt.embedded.persistent", true),
            s.string("mqtt.client-id", "vigil-gw-1"),
            s.string("mqtt.share-group", "vigil-gw"),
            s.integer("mqtt.receive-maximum", 1000, 1, 65535),
            s.longValue("mqtt.session-expiry-s", 604_800, 0, 4_294_967_295L),
            s.integer("mqtt.ingest-connections", 2, 1, 16),
            s.string("http.bind", "127.0.0.1"),
            s.integer("http.port", 8080, 0, 65535),
            s.string("db.url", defaultDb),
            s.string("db.user", ""),
            s.string("db.password", ""),
            s.integer("keys.epoch", 1, 1, Integer.MAX_VALUE),
            s.integer("ingest.batch-max", 500, 1, 10_000),
            s.integer("ingest.writers", 1, 1, 16),
            Duration.ofSeconds(s.longValue("alerts.late-after-s", 60, 1, 86_400)),
            sinks,
            s.bool("mqtt.embedded.tls", false),
            list(s, "mqtt.embedded.tls-names", "localhost,127.0.0.1"),
            s.optional("enrol.broker-url"),
            Duration.ofSeconds(s.longValue("registry.revocation-poll-s", 5, 1, 3_600)),
            Duration.ofHours(s.longValue("keys.grace-h", 168, 0, 24 * 365)),
            s.path("media.dir", cwd, dataDir.resolve("media").toString()),
            Duration.ofHours(s.longValue("media.retention-h", 72, 1, 24 * 3_650)),
            alertSettings(s),
            webhook(s, sinks.contains("webhook"), cwd),
            retention(s));
    if (!s.unknownKeys().isEmpty()) {
      throw s.bad(s.unknownKeys().iterator().next(), null, "is not a gateway setting");
    }
    boolean tls = config.embeddedTls() || config.mqttUrl().orElse("").startsWith("ssl://");
    if (tls && !config.clientId().startsWith("vigil-gw")) {
      // An external broker tells gateways from boxes by this prefix of the certificate's CN.
      throw s.bad("mqtt.client-id", config.clientId(), "must start with 'vigil-gw' with TLS");
    }
    return config;
  }

  private static AlertSettings alertSettings(Settings s) {
    EscalationPolicy defaults = EscalationPolicy.defaults();
    Map<Severity, List<Duration>> deadlines = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      String key = "alerts.escalate." + severity.topicSegment() + "-s";
      deadlines.put(severity, deadlines(s, key, defaults.deadlines().get(severity)));
    }
    return new AlertSettings(
        new EscalationPolicy(deadlines),
        Duration.ofSeconds(s.longValue("alerts.merge-window-s", 600, 0, 86_400)),
        Duration.ofSeconds(s.longValue("alerts.offline-after-s", 120, 5, 86_400)),
        s.longValue("alerts.sweep-interval-ms", 1_000, 50, 60_000));
  }

  /**
   * The webhook sink's settings, present when {@code alerts.sinks} names it (then {@code
   * webhook.url} and {@code webhook.secret-file} are required). The keys are read either way, so
   * that a sample file with the sink switched off still loads.
   */
  private static Optional<WebhookSettings> webhook(Settings s, boolean chosen, Path cwd) {
    Optional<String> url = s.optional("webhook.url");
    Optional<String> secretFile = s.optional("webhook.secret-file");
    long timeoutMs = s.longValue("webhook.timeout-ms", 5_000, 100, 120_000);
    long baseMs = s.longValue("webhook.backoff-base-ms", 1_000, 10, 3_600_000);
    long capMs = s.longValue("webhook.backoff-cap-ms", 300_000, 10, 86_400_000);
    long giveUpS = s.longValue("webhook.give-up-after-s", 86_400, 1, 30L * 86_400);
    int maxAttempts = s.integer("webhook.max-attempts", 1_000, 1, 1_000_000);
    long pollMs = s.longValue("webhook.poll-ms", 1_000, 10, 60_000);
    if (capMs < baseMs) {
      throw s.bad(
          "webhook.backoff-cap-ms", Long.toString(capMs), "is below webhook.backoff-base-ms");
    }
    if (!chosen) {
      return Optional.empty();
    }
    URI uri =
        webhookUrl(
            s,
            url.orElseThrow(() -> s.bad("webhook.url", null, "is required with the webhook sink")));
    if (secretFile.isEmpty()) {
      throw s.bad("webhook.secret-file", null, "is required with the webhook sink");
    }
    return Optional.of(
        new WebhookSettings(
            uri,
            cwd.resolve(secretFile.get()).normalize(),
            timeoutMs,
            new RetryPolicy(baseMs, capMs, maxAttempts, Duration.ofSeconds(giveUpS)),
            pollMs));
  }

  private static URI webhookUrl(Settings s, String raw) {
    try {
      URI uri = new URI(raw);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw s.bad("webhook.url", raw, "is not an http:// or https:// URL with a host");
  }

  /** Retention per kind of data, in whole days (0: kept for ever), and how its jobs run. */
  static RetentionSettings retention(Settings s) {
    return new RetentionSettings(
        days(s, "retention.positions-days", 90),
        days(s, "retention.health-days", 30),
        days(s, "retention.events-days", 365),
        days(s, "retention.resolved-alerts-days", 365),
        days(s, "retention.trips-days", 365),
        Duration.ofSeconds(s.longValue("retention.interval-s", 600, 60, 86_400)),
        Duration.ofSeconds(s.longValue("retention.lease-s", 300, 30, 86_400)),
        s.integer("retention.batch-rows", 5_000, 100, 100_000));
  }

  private static Duration days(Settings s, String key, long fallback) {
    return Duration.ofDays(s.longValue(key, fallback, 0, 36_500));
  }

  /** A comma-separated list of increasing whole seconds; {@code none} means never. */
  private static List<Duration> deadlines(Settings s, String key, List<Duration> fallback) {
    String raw = s.optional(key).orElse(null);
    if (raw == null) {
      return fallback;
    }
    if (raw.equals("none")) {
      return List.of();
    }
    List<Duration> levels = new ArrayList<>();
    for (String part : raw.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        long seconds = Long.parseLong(part.strip());
        if (seconds < 1
            || (!levels.isEmpty() && seconds <= levels.get(levels.size() - 1).toSeconds())) {
          throw s.bad(key, raw, "must be increasing whole seconds >= 1, e.g. 60,120");
        }
        levels.add(Duration.ofSeconds(seconds));
      } catch (NumberFormatException e) {
        throw s.bad(key, raw, "must be increasing whole seconds >= 1, e.g. 60,120");
      }
    }
    return levels;
  }

  private static List<String> list(Settings s, String key, String fallback) {
    List<String> values =
        Arrays.stream(s.string(key, fallback).split(","))
            .map(String::strip)
            .filter(x -> !x.isEmpty())
            .toList();
    for (String value : values) {
      if (!value.matches("[A-Za-z0-9.:-]+")) {
        throw s.bad(key, value, "is not a host name or IP address");
      }
    }
    if (values.isEmpty()) {
      throw s.bad(key, "", "needs at least one host name or IP address");
    }
    return values;
  }

  /**
   * The broker URL enrolled devices are given: {@code enrol.broker-url}, else the embedded broker's
   * listener as reached through its first TLS name, else {@code mqtt.url}.
   */
  public String deviceBrokerUrl() {
    if (enrolBrokerUrl.isPresent()) {
      return enrolBrokerUrl.get();
    }
    if (!embeddedBroker()) {
      return mqttUrl.get();
    }
    String host = embeddedTls ? embeddedTlsNames.get(0) : embeddedBind;
    return (embeddedTls ? "ssl://" : "tcp://") + host + ":" + embeddedPort;
  }

  public boolean embeddedBroker() {
    return mqttUrl.isEmpty();
  }

  public String brokerUrl() {
    return mqttUrl.orElse("tcp://" + embeddedBind + ":" + embeddedPort);
  }
}
