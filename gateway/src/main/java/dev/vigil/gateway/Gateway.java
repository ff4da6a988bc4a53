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
import dev.vigil.gateway.alerts.MqttAckResults;
import dev.vigil.gateway.alerts.MqttAlertSink;
import dev.vigil.gateway.api.AlertRoutes;
import dev.vigil.gateway.api.HttpApi;
import dev.vigil.gateway.broker.AccessRules;
import dev.vigil.gateway.broker.BrokerCounters;
import dev.vigil.gateway.broker.EmbeddedBroker;
import dev.vigil.gateway.enrol.Enrolment;
import dev.vigil.gateway.enrol.EnrolmentCounters;
import dev.vigil.gateway.enrol.EnrolmentTokens;
import dev.vigil.gateway.enrol.FleetCa;
import dev.vigil.gateway.enrol.ServiceCertificates;
import dev.vigil.gateway.fleet.DeviceStates;
import dev.vigil.gateway.fleet.FleetHealth;
import dev.vigil.gateway.fleet.OfflineWatch;
import dev.vigil.gateway.fleet.PresenceTracker;
import dev.vigil.gateway.ingest.Ingest;
import dev.vigil.gateway.ingest.IngestCounters;
import dev.vigil.gateway.ingest.IngestSources;
import dev.vigil.gateway.keys.GatewayKeys;
import dev.vigil.gateway.keys.KeyEpochs;
import dev.vigil.gateway.media.ClipAssembler;
import dev.vigil.gateway.media.IncidentPackage;
import dev.vigil.gateway.media.MediaAccess;
import dev.vigil.gateway.media.MediaApi;
import dev.vigil.gateway.media.MediaFiles;
import dev.vigil.gateway.media.MediaIngest;
import dev.vigil.gateway.media.MediaRepository;
import dev.vigil.gateway.media.MediaRequests;
import dev.vigil.gateway.media.MediaRetention;
import dev.vigil.gateway.mqtt.MqttConnection;
import dev.vigil.gateway.operators.AccessCheck;
import dev.vigil.gateway.operators.AuditLog;
import dev.vigil.gateway.operators.GatewayRoutes;
import dev.vigil.gateway.operators.LoginThrottle;
import dev.vigil.gateway.operators.Operators;
import dev.vigil.gateway.registry.DeviceRegistry;
import dev.vigil.gateway.registry.RevocationWatch;
import dev.vigil.gateway.retention.Retention;
import dev.vigil.gateway.store.Database;
import dev.vigil.gateway.store.JdbcAlertStore;
import dev.vigil.gateway.store.JdbcTelemetryStore;
import dev.vigil.gateway.store.PresenceStore;
import dev.vigil.gateway.store.TelemetryStore;
import dev.vigil.gateway.sweep.Sweeper;
import dev.vigil.gateway.trips.JdbcTripStore;
import dev.vigil.gateway.trips.TripPusher;
import dev.vigil.gateway.trips.Trips;
import dev.vigil.gateway.webhook.Webhook;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.UpKind;
import dev.vigil.protocol.envelope.Direction;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.envelope.KeyPairs;
import java.security.KeyPair;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.tinylog.Logger;

/**
 * The running gateway, wired by hand: the one composition root. Components start in the order below
 * and stop in reverse: database, keys, fleet CA, stores, broker, MQTT connections, alert service,
 * ingest, retention jobs, HTTP (with trips), sweeper, revocation watch; the subscriptions are made
 * before the watch, once everything that handles a message is ready.
 */
public final class Gateway implements AutoCloseable {
  /** The longest window one media request may ask for (a larger one is refused, 400). */
  static final java.time.Duration MAX_REQUEST_WINDOW = java.time.Duration.ofMinutes(10);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final IngestCounters counters = new IngestCounters();
  private final GatewayConfig config;
  private final DeviceRegistry registry;
  private final HttpApi api;
  private final JdbcTelemetryStore store;
  private final AlertService alerts;
  private final Operators operators;
  private final AccessCheck access;
  private final String brokerUrl;
  private MediaIngest mediaIngest;
  private final Clock clock;
  private final EnrolmentCounters enrolmentCounters = new EnrolmentCounters();
  private final BrokerCounters brokerCounters = new BrokerCounters();
  private FleetCa ca;
  private EmbeddedBroker broker;
  private Optional<SSLContext> clientTls = Optional.empty();

  private Gateway(GatewayConfig config, Clock clock) throws Exception {
    this.config = config;
    this.clock = clock;
    try {
      Database database = new Database(config.dbUrl(), config.dbUser(), config.dbPassword());
      track(database.keepOpen());
      database.migrate();
      KeyPair keys = GatewayKeys.loadOrCreate(config.dataDir().resolve("keys"));
      registry = new DeviceRegistry(database);
      ca = FleetCa.loadOrCreate(config.dataDir().resolve("ca"), clock);
      KeyEpochs epochs =
          track(KeyEpochs.load(database, config.keyEpoch(), config.keyGrace()))
              .watch(config.revocationPoll());
      ca.writeCrl(registry.revokedSerials());
      store = track(new JdbcTelemetryStore(database));
      brokerUrl = startBroker();
      if (brokerUrl.startsWith("ssl://")) {
        clientTls = Optional.of(ServiceCertificates.gatewayClient(ca, config.clientId()));
      }
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
      Optional<Webhook> webhook =
          Webhook.startIfChosen(config.webhook(), config.clientId(), database, clock);
      webhook.ifPresent(this::track);
      JdbcAlertStore alertStore =
          track(new JdbcAlertStore(database, settings.escalation()::nextAt));
      alerts =
          new AlertService(
              alertStore,
              new AlertFactory(config.lateAfter()),
              lifecycle,
              sinks(alarms, webhook),
              new AlarmAckSender(
                  deviceId -> downlinkKey(keys, epochs, deviceId),
                  (topic, payload) -> alarms.publish(topic, payload, 1, false)),
              clock);
      PresenceStore presence = new PresenceStore(database);
      PresenceTracker tracker = new PresenceTracker();
      Ingest ingest =
          new Ingest(
              new IngestSources(registry, keys.getPrivate(), epochs),
              // down/ack for every committed batch: on a telemetry connection, so that alerts on
              // the alarms connection never queue behind them (in the client or in the broker).
              (topic, payload) -> telemetry.get(0).publish(topic, payload, 0, false),
              store,
              alerts,
              tracker,
              counters,
              clock,
              config.ingestBatchMax(),
              config.ingestWriters());
      MediaFeature media = media(database, keys);
      MediaRequests requests = mediaRequests(database, keys, epochs, alarms);
      ingest.media(media.ingest());
      mediaIngest = media.store();
      ingest.start();
      track(ingest);
      // Connections stop before ingest drains: what is not acknowledged then is redelivered.
      track(alarms);
      track(control);
      telemetry.forEach(this::track);
      AuditLog audit = new AuditLog(database, clock);
      operators = new Operators(database, audit, LoginThrottle.DEFAULT, clock);
      access = new AccessCheck(operators, GatewayRoutes.table());
      ControlDesk desk =
          new ControlDesk(alerts, new AlertCounters(), audit::record, new MqttAckResults(control));
      Enrolment enrolment =
          new Enrolment(
              ca,
              new EnrolmentTokens(database, clock),
              registry,
              enrolmentCounters,
              new Enrolment.Offer(
                  KeyPairs.toPem(keys.getPublic()), epochs::current, config.deviceBrokerUrl()),
              clock);
      api =
          track(
              new HttpApi(
                  access,
                  store,
                  counters,
                  Optional.of(enrolment),
                  Map.of(
                      "enrolment", enrolmentCounters::snapshot,
                      "broker", brokerCounters::snapshot,
                      "alerts", desk.counters()::snapshot,
                      "webhook", () -> webhook.map(Webhook::snapshot).orElse(Map.of())),
                  Optional.of(trips(database, keys, epochs, alarms)),
                  Optional.of(
                      new AlertRoutes(
                          alerts,
                          desk,
                          () ->
                              FleetHealth.summary(
                                  presence.fleet(), clock.instant(), settings.offlineAfter())))));
      api.register(media.api()::register);
      api.register(requests::register);
      api.register(retention(database, media.retention())::register);
      api.start(config.httpBind(), config.httpPort());
      Sweeper sweeper =
          track(
              sweeper(desk, tracker, presence, new OfflineWatch(alerts, settings.offlineAfter())));
      sweeper.start(settings.sweepIntervalMs());
      subscribeControl(control, desk, new DeviceStates(registry, presence, clock));
      subscribe(alarms, ingest, List.of(UpKind.ALARM));
      List<UpKind> others = new ArrayList<>(List.of(UpKind.values()));
      others.remove(UpKind.ALARM);
      for (MqttConnection connection : telemetry) {
        subscribe(connection, ingest, others);
      }
      track(new RevocationWatch(registry, ca, ingest, this::disconnectDevice, clock))
          .start(config.revocationPoll());
      Logger.info("gateway up: broker {}, database {}", brokerUrl, database.url());
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /** Starts a gateway; if any part fails to start, the parts already started are stopped. */
  public static Gateway start(GatewayConfig config) throws Exception {
    return new Gateway(config, Clock.systemUTC());
  }

  /** As {@link #start(GatewayConfig)}, with the clock tokens and certificates are dated by. */
  public static Gateway start(GatewayConfig config, Clock clock) throws Exception {
    return new Gateway(config, clock);
  }

  public EnrolmentCounters enrolmentCounters() {
    return enrolmentCounters;
  }

  public BrokerCounters brokerCounters() {
    return brokerCounters;
  }

  public FleetCa ca() {
    return ca;
  }

  private void disconnectDevice(String deviceId) {
    if (broker != null) {
      broker.disconnect(AccessRules.deviceClientId(deviceId));
    }
  }

  /** Operator accounts and tokens, and the audit log. */
  public Operators operators() {
    return operators;
  }

  /** HTTP routes registered but missing from the route table (closed; should be none). */
  public List<String> unlistedRoutes() {
    return access.unlisted();
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

  /** Evidence chunks taken in and repeated, files stored. */
  public MediaIngest.Counters mediaCounters() {
    return mediaIngest.counters();
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
    Optional<EmbeddedBroker.Tls> tls = Optional.empty();
    if (config.embeddedTls()) {
      // Loopback too: the gateway's own connections reach the listener there.
      java.util.LinkedHashSet<String> names =
          new java.util.LinkedHashSet<>(config.embeddedTlsNames());
      names.add("127.0.0.1");
      ServiceCertificates.BrokerStores stores =
          ServiceCertificates.writeBrokerStores(
              ca, List.copyOf(names), config.dataDir().resolve("broker").resolve("tls"));
      tls =
          Optional.of(
              new EmbeddedBroker.Tls(
                  stores.keyStore(),
                  stores.trustStore(),
                  stores.password(),
                  registry::admission,
                  brokerCounters));
    }
    broker =
        track(
            new EmbeddedBroker(
                new EmbeddedBroker.Settings(
                    config.embeddedBind(),
                    config.embeddedPort(),
                    config.dataDir().resolve("broker"),
                    config.embeddedPersistent(),
                    tls)));
    broker.start(60_000);
    return broker.url();
  }

  /** Evidence: the media store, its ingest handler, its HTTP routes and the retention sweep. */
  private record MediaFeature(
      Ingest.MediaHandler ingest, MediaApi api, MediaIngest store, MediaRetention retention) {}

  private MediaFeature media(Database database, KeyPair keys) throws Exception {
    MediaRepository repository = new MediaRepository(database);
    MediaFiles files = new MediaFiles(config.mediaDir());
    MediaIngest ingest = new MediaIngest(repository, files);
    MediaRetention retention = new MediaRetention(repository, files, config.mediaRetention());
    MediaAccess access =
        new MediaAccess(
            repository, files, keys.getPrivate(), new ClipAssembler(), Clock.systemUTC());
    Ingest.MediaHandler handler =
        (deviceId, up, at) -> {
          var device = registry.find(deviceId).orElseThrow();
          return ingest.handle(deviceId, device.publicKey(), up, at);
        };
    IncidentPackage packages =
        new IncidentPackage(
            store,
            repository,
            access,
            retention,
            keys,
            deviceId -> registry.find(deviceId).orElseThrow().publicKey(),
            Clock.systemUTC());
    return new MediaFeature(
        handler,
        new MediaApi(repository, access, retention, packages, Clock.systemUTC()),
        ingest,
        retention);
  }

  /**
   * Media requests for a past window (at most {@link #MAX_REQUEST_WINDOW}) are sent on the alarms
   * connection, numbered from the trips' downlink sequence (one increasing series per device).
   */
  private MediaRequests mediaRequests(
      Database database, KeyPair keys, KeyEpochs epochs, MqttConnection mqtt) {
    JdbcTripStore seq = new JdbcTripStore(database);
    return new MediaRequests(
        registry,
        new MediaRepository(database),
        new MediaRequests.Sending(
            keys.getPrivate(),
            epochs::current,
            seq::nextDownlinkSeq,
            (topic, payload) -> mqtt.publish(topic, payload, 1, false)),
        MAX_REQUEST_WINDOW,
        Clock.systemUTC());
  }

  private MqttConnection connection(String clientId) throws Exception {
    return new MqttConnection(
        new MqttConnection.Options(
            brokerUrl, clientId, config.sessionExpiryS(), config.receiveMaximum(), clientTls));
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

  /** Retention of every kind of data (media too), claimed so that one gateway runs each period. */
  private Retention retention(Database database, MediaRetention media) throws SQLException {
    return track(
            new Retention(
                database,
                config.retention(),
                Optional.of(media),
                Optional.of(config.mediaRetention()),
                config.clientId(),
                clock))
        .start(Retention.TICK);
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
                        clock.instant(), settings.offlineAfter(), 100, offline))));
  }

  /**
   * A device's downlink key for the current epoch, derived from the registry, so any gateway can
   * seal to any device (not only one whose uplink it has seen).
   */
  private Optional<EnvelopeKey> downlinkKey(KeyPair keys, KeyEpochs epochs, String deviceId) {
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
                      epochs.current(),
                      Direction.DOWNLINK));
    } catch (SQLException e) {
      Logger.error("device registry unavailable: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** Trips are pushed on the alarms connection: rare, small, and never behind telemetry. */
  private Trips trips(Database database, KeyPair keys, KeyEpochs epochs, MqttConnection mqtt)
      throws SQLException {
    JdbcTripStore trips = new JdbcTripStore(database);
    trips.raiseDownlinkSeq(Clock.systemUTC().millis() * 1_000);
    TripPusher pusher =
        new TripPusher(
            registry,
            trips,
            keys.getPrivate(),
            epochs::current,
            (topic, payload) -> mqtt.publish(topic, payload, 1, true));
    return new Trips(trips, registry, pusher, Clock.systemUTC());
  }

  private List<AlertSink> sinks(MqttConnection mqtt, Optional<Webhook> webhook) {
    List<AlertSink> sinks = new ArrayList<>();
    for (String name : config.alertSinks()) {
      sinks.add(
          switch (name) {
            case "mqtt" -> new MqttAlertSink(mqtt);
            case "webhook" -> webhook.orElseThrow().sink();
            default -> new LogAlertSink();
          });
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
