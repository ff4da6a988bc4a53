package dev.vigil.gateway;

import dev.vigil.gateway.alerts.AlertFactory;
import dev.vigil.gateway.alerts.AlertSink;
import dev.vigil.gateway.alerts.LogAlertSink;
import dev.vigil.gateway.alerts.MqttAlertSink;
import dev.vigil.gateway.api.HttpApi;
import dev.vigil.gateway.broker.EmbeddedBroker;
import dev.vigil.gateway.ingest.Ingest;
import dev.vigil.gateway.ingest.IngestCounters;
import dev.vigil.gateway.ingest.IngestSources;
import dev.vigil.gateway.keys.GatewayKeys;
import dev.vigil.gateway.mqtt.MqttConnection;
import dev.vigil.gateway.registry.DeviceRegistry;
import dev.vigil.gateway.store.Database;
import dev.vigil.gateway.store.JdbcTelemetryStore;
import dev.vigil.protocol.Topics;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.tinylog.Logger;

/**
 * The running gateway, wired by hand: the one composition root. Components start in the order below
 * and stop in reverse: database, keys, store, broker, MQTT connection, ingest, HTTP; the
 * subscription is made last, once everything that handles a message is ready.
 */
public final class Gateway implements AutoCloseable {
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final IngestCounters counters = new IngestCounters();
  private final GatewayConfig config;
  private final DeviceRegistry registry;
  private final HttpApi api;
  private final String brokerUrl;

  private Gateway(GatewayConfig config) throws Exception {
    this.config = config;
    try {
      Database database = new Database(config.dbUrl(), config.dbUser(), config.dbPassword());
      database.migrate();
      KeyPair keys = GatewayKeys.loadOrCreate(config.dataDir().resolve("keys"));
      registry = new DeviceRegistry(database);
      JdbcTelemetryStore store = track(new JdbcTelemetryStore(database));
      brokerUrl = startBroker();
      MqttConnection mqtt =
          new MqttConnection(
              new MqttConnection.Options(
                  brokerUrl, config.clientId(), config.sessionExpiryS(), config.receiveMaximum()));
      Ingest ingest =
          new Ingest(
              new IngestSources(registry, keys.getPrivate(), config.keyEpoch()),
              store,
              new AlertFactory(config.lateAfter()),
              sinks(mqtt),
              counters,
              Clock.systemUTC(),
              config.ingestBatchMax());
      ingest.start();
      track(ingest);
      track(mqtt); // stops before ingest drains: what is not acknowledged then is redelivered
      api = track(new HttpApi(store, counters));
      api.start(config.httpBind(), config.httpPort());
      mqtt.onMessage(
          (topic, payload, delivery) ->
              ingest.offer(topic, payload, () -> mqtt.complete(delivery)));
      mqtt.subscribe(Topics.sharedUpFilter(config.shareGroup()), 1);
      mqtt.connect(30_000);
      Logger.info("gateway up: broker {}, database {}", brokerUrl, database.url());
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /** Starts a gateway; if any part fails to start, the parts already started are stopped. */
  public static Gateway start(GatewayConfig config) throws Exception {
    return new Gateway(config);
  }

  public IngestCounters counters() {
    return counters;
  }

  public DeviceRegistry registry() {
    return registry;
  }

  public String brokerUrl() {
    return brokerUrl;
  }

  public int httpPort() {
    return api.port();
  }

  private String startBroker() throws Exception {
    if (!config.embeddedBroker()) {
      return config.brokerUrl();
    }
    EmbeddedBroker broker =
        track(
            new EmbeddedBroker(
                new EmbeddedBroker.Settings(
                    config.embeddedBind(),
                    config.embeddedPort(),
                    config.dataDir().resolve("broker"),
                    config.embeddedPersistent())));
    broker.start(60_000);
    return broker.url();
  }

  private List<AlertSink> sinks(MqttConnection mqtt) {
    List<AlertSink> sinks = new ArrayList<>();
    for (String name : config.alertSinks()) {
      sinks.add(name.equals("mqtt") ? new MqttAlertSink(mqtt) : new LogAlertSink());
    }
    return sinks;
  }

  private <T extends AutoCloseable> T track(T component) {
    started.push(component);
    return component;
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable component = started.pop();
      try {
        component.close();
      } catch (Exception e) {
        Logger.warn("stopping {}: {}", component.getClass().getSimpleName(), e.getMessage());
      }
    }
  }
}
