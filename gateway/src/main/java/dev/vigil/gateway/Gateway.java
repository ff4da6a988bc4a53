package dev.vigil.gateway;

import dev.vigil.gateway.alerts.AlarmAckSender;
import dev.vigil.gateway.alerts.AlertCounters;
import dev.vigil.gateway.alerts.AlertFactory;
import dev.vigil.gateway.alerts.AlertLifecycle;
import dev.vigil.gateway.alerts.AlertService;
import dev.vigil.gateway.alerts.AlertSettings;
import dev.vigil.gateway.alerts.AlertSink;
import dev.vigil.gateway.alerts.ControlDesk;
import dev.vigil.gateway.alerts.LogAlertSink;
import dev.vigil.gateway.alerts.MqttAlertSink;
import dev.vigil.gateway.api.AlertRoutes;
import dev.vigil.gateway.api.HttpApi;
import dev.vigil.gateway.broker.EmbeddedBroker;
import dev.vigil.gateway.fleet.DeviceStates;
import dev.vigil.gateway.fleet.FleetHealth;
import dev.vigil.gateway.fleet.OfflineWatch;
import dev.vigil.gateway.fleet.PresenceTracker;
import dev.vigil.gateway.ingest.Ingest;
import dev.vigil.gateway.ingest.IngestCounters;
import dev.vigil.gateway.ingest.IngestSources;
import dev.vigil.gateway.keys.GatewayKeys;
import dev.vigil.gateway.mqtt.MqttConnection;
import dev.vigil.gateway.registry.DeviceRegistry;
import dev.vigil.gateway.store.Database;
import dev.vigil.gateway.store.JdbcAlertStore;
import dev.vigil.gateway.store.JdbcTelemetryStore;
import dev.vigil.gateway.store.PresenceStore;
import dev.vigil.gateway.store.TelemetryStore;
import dev.vigil.gateway.sweep.Sweeper;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.UpKind;
import dev.vigil.protocol.envelope.Direction;
import dev.vigil.protocol.envelope.EnvelopeKey;
import java.security.KeyPair;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * The running gateway, wired by hand: the one composition root. Components start in the order below
 * and stop in reverse: database, keys, stores, broker, MQTT connections, alert service, ingest,
 * HTTP, sweeper; the subscriptions are made last, once everything that handles a message is ready.
 */
public final class Gateway implements AutoCloseable {
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final IngestCounters counters = new IngestCounters();
  private final GatewayConfig config;
  private final DeviceRegistry registry;
  private final HttpApi api;
  private final JdbcTelemetryStore store;
  private final AlertService alerts;
  private final String brokerUrl;

  private Gateway(GatewayConfig config) throws Exception {
    this.config = config;
    try {
      Database database = new Database(config.dbUrl(), config.dbUser(), config.dbPassword());
      database.migrate();
      KeyPair keys = GatewayKeys.loadOrCreate(config.dataDir().resolve("keys"));
      registry = new DeviceRegistry(database);
      store = track(new JdbcTelemetryStore(database));
      brokerUrl = startBroker();
      MqttConnection alarms = connection(config.clientId() + "-alarms");
      List<MqttConnection> telemetry = new ArrayList<>();
      // The embedded broker serves this gateway alone: one telemetry connection, no share group.
      int telemetryConnections = config.embeddedBroker() ? 1 : config.ingestConnections();
      for (int i = 1; i <= telemetryConnections; i++) {
        telemetry.add(connection(config.clientId() + "-telemetry-" + i));
      }
      MqttConnection control = connection(config.clientId() + "-control");
      AlertSettings settings = config.alertSettings();
      AlertLifecycle lifecycle = new AlertLifecycle(settings.escalation(), settings.mergeWindow());
      JdbcAlertStore alertStore =
          track(new JdbcAlertStore(database, settings.escalation()::nextAt));
      alerts =
          new AlertService(
              alertStore,
              new AlertFactory(config.lateAfter()),
              lifecycle,
              sinks(alarms),
              new AlarmAckSender(
                  deviceId -> downlinkKey(keys, deviceId),
                  (topic, payload) -> alarms.publish(topic, payload, 1, false)),
              Clock.systemUTC());
      PresenceStore presence = new PresenceStore(database);
      PresenceTracker tracker = new PresenceTracker();
      Ingest ingest =
          new Ingest(
              new IngestSources(registry, keys.getPrivate(), config.keyEpoch()),
              (topic, payload) -> alarms.publish(topic, payload, 0, false),
              store,
              alerts,
              tracker,
              counters,
              Clock.systemUTC(),
              config.ingestBatchMax());
      ingest.start();
      track(ingest);
      // Connections stop before ingest drains: what is not acknowledged then is redelivered.
      track(alarms);
      track(control);
      telemetry.forEach(this::track);
      ControlDesk desk = new ControlDesk(alerts, new AlertCounters());
      api =
          track(
              new HttpApi(
                  store,
                  counters,
                  new AlertRoutes(
                      alerts,
                      desk,
                      () ->
                          FleetHealth.summary(
                              presence.fleet(),
                              Clock.systemUTC().instant(),
                              settings.offlineAfter()))));
      api.start(config.httpBind(), config.httpPort());
      Sweeper sweeper =
          track(
              sweeper(desk, tracker, presence, new OfflineWatch(alerts, settings.offlineAfter())));
      sweeper.start(settings.sweepIntervalMs());
      subscribeControl(control, desk, new DeviceStates(registry, presence, Clock.systemUTC()));
      subscribe(alarms, ingest, List.of(UpKind.ALARM));
      List<UpKind> others = new ArrayList<>(List.of(UpKind.values()));
      others.remove(UpKind.ALARM);
      for (MqttConnection connection : telemetry) {
        subscribe(connection, ingest, others);
      }
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

  public AlertService alerts() {
    return alerts;
  }

  public IngestCounters counters() {
    return counters;
  }

  public TelemetryStore store() {
    return store;
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

  private MqttConnection connection(String clientId) throws Exception {
    return new MqttConnection(
        new MqttConnection.Options(
            brokerUrl, clientId, config.sessionExpiryS(), config.receiveMaximum()));
  }

  /**
   * Alarms travel on a connection and a shared subscription of their own, so that in the broker too
   * they never queue behind telemetry; telemetry is spread over several connections because a
   * broker feeds each member of a share group from its own in-flight window.
   */
  private void subscribe(MqttConnection connection, Ingest ingest, List<UpKind> kinds)
      throws Exception {
    connection.onMessage(
        (topic, payload, delivery) ->
            ingest.offer(topic, payload, () -> connection.complete(delivery)));
    for (UpKind kind : kinds) {
      connection.subscribe(
          config.embeddedBroker()
              ? Topics.upFilter(kind)
              : Topics.sharedUpFilter(config.shareGroup(), kind),
          1);
    }
    connection.connect(30_000);
  }

  /**
   * The control room's requests arrive once per gateway group (a shared subscription, so one
   * gateway applies each); the devices' retained birth and last-will messages arrive at every
   * gateway (a broker sends retained messages to plain subscriptions only), which all record them.
   */
  private void subscribeControl(MqttConnection control, ControlDesk desk, DeviceStates states)
      throws Exception {
    control.onMessage(
        (topic, payload, delivery) -> {
          try {
            if (topic.equals(Topics.CONTROL_ACK)) {
              desk.onMessage(topic, payload);
            } else {
              states.onMessage(topic, payload);
            }
            control.complete(delivery);
          } catch (SQLException e) {
            // Not acknowledged: the broker delivers it again on the next connection.
            Logger.error("control message on {} not applied: {}", topic, e.getMessage());
          }
        });
    control.subscribe(
        config.embeddedBroker()
            ? Topics.CONTROL_ACK
            : "$share/" + config.shareGroup() + "/" + Topics.CONTROL_ACK,
        1);
    control.subscribe(Topics.STATE_FILTER, 1);
    control.connect(30_000);
  }

  private Sweeper sweeper(
      ControlDesk desk, PresenceTracker tracker, PresenceStore presence, OfflineWatch offline) {
    AlertSettings settings = config.alertSettings();
    return new Sweeper(
        List.of(
            new Sweeper.Named("presence flush", () -> tracker.flush(presence)),
            new Sweeper.Named(
                "escalation", () -> desk.counters().escalated(alerts.escalateDue(100))),
            new Sweeper.Named(
                "unsent alert changes", () -> alerts.republishStale(Duration.ofSeconds(5), 100)),
            new Sweeper.Named(
                "offline check",
                () ->
                    presence.sweepOffline(
                        Clock.systemUTC().instant(), settings.offlineAfter(), 100, offline))));
  }

  private Optional<EnvelopeKey> downlinkKey(KeyPair keys, String deviceId) {
    try {
      return registry
          .find(deviceId)
          .filter(device -> !device.revoked())
          .map(
              device ->
                  EnvelopeKey.derive(
                      keys.getPrivate(),
                      device.publicKey(),
                      deviceId,
                      config.keyEpoch(),
                      Direction.DOWNLINK));
    } catch (SQLException e) {
      Logger.error("device registry unavailable: {}", e.getMessage());
      return Optional.empty();
    }
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
