package dev.vigil.device;

import dev.vigil.device.button.FakePanicButton;
import dev.vigil.device.button.PanicButton;
import dev.vigil.device.button.StdinPanicButton;
import dev.vigil.device.command.CommandDownlink;
import dev.vigil.device.evidence.CaptureEvents;
import dev.vigil.device.evidence.EvidenceConfig;
import dev.vigil.device.evidence.EvidenceRecorder;
import dev.vigil.device.evidence.MediaAcks;
import dev.vigil.device.evidence.WindowRequests;
import dev.vigil.device.gpio.Gpio;
import dev.vigil.device.gps.GnssListener;
import dev.vigil.device.gps.GnssSource;
import dev.vigil.device.gps.GpsdGnssSource;
import dev.vigil.device.gps.ReplayGnssSource;
import dev.vigil.device.gps.SerialGnssSource;
import dev.vigil.device.gps.TimeShiftingListener;
import dev.vigil.device.health.HealthReporter;
import dev.vigil.device.ignition.Ignition;
import dev.vigil.device.imu.ImuSource;
import dev.vigil.device.imu.MountingCalibrator;
import dev.vigil.device.imu.Pi4jImu;
import dev.vigil.device.imu.ReplayImuSource;
import dev.vigil.device.imu.VehicleMotion;
import dev.vigil.device.indicator.Cue;
import dev.vigil.device.indicator.CueOutput;
import dev.vigil.device.link.Acknowledgements;
import dev.vigil.device.link.AlarmAcks;
import dev.vigil.device.link.DownlinkKeys;
import dev.vigil.device.link.KeyRotation;
import dev.vigil.device.link.MqttLink;
import dev.vigil.device.link.SealedUplink;
import dev.vigil.device.link.SequenceCounter;
import dev.vigil.device.outbox.Lane;
import dev.vigil.device.outbox.Outbox;
import dev.vigil.device.outbox.OutboxSender;
import dev.vigil.device.outbox.WitnessJournal;
import dev.vigil.device.provisioning.DeviceKeys;
import dev.vigil.device.safety.DriverWarning;
import dev.vigil.device.safety.Hazard;
import dev.vigil.device.safety.LogWarningOutput;
import dev.vigil.device.safety.OutboxReportOutput;
import dev.vigil.device.safety.PanicAlarms;
import dev.vigil.device.safety.Report;
import dev.vigil.device.safety.ReportOutput;
import dev.vigil.device.safety.SafetyEngine;
import dev.vigil.device.trip.CurrentTrip;
import dev.vigil.device.trip.TripDownlink;
import dev.vigil.device.trip.TripFile;
import dev.vigil.device.trip.TripListener;
import dev.vigil.device.warning.WarningKind;
import dev.vigil.device.warning.WarningOutput;
import dev.vigil.protocol.DownKind;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.UpKind;
import dev.vigil.protocol.envelope.Direction;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.envelope.Suite;
import dev.vigil.protocol.pb.AlarmAck;
import dev.vigil.protocol.tls.PemTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.tinylog.Logger;

/**
 * The running agent, wired by hand: the device's one composition root. Start order: keys, voice
 * output, sequence counter, link, outbox and its sender, saved trip, agent, the GPIO parts, health,
 * then the inputs (GNSS, button, ignition, power-good), so no input arrives before its handler;
 * stop order is the reverse. A power loss runs the same stop path: the outbox is forced to disk,
 * then the agent ends ({@link #awaitStopped}).
 */
public final class Device implements AutoCloseable {
  /**
   * A position is fsynced at the latest once it has waited this long (group commit); alarms are
   * fsynced before their append returns. Issue 4 allows 200 ms of positions at risk on power loss:
   * the sender's 20 ms tick and one fsync come on top, and under a load average of 15 to 25 an
   * fsync alone took up to 60 ms. At 150 ms the 10 Hz case of scripts/bench-outbox reached a max of
   * 212.9 ms; at 100 ms it measured p99 141.6 to 149.8 ms and max 162.9 to 188.1 ms. Below 10 Hz
   * every position gets its own fsync either way, so the shorter window costs no extra writes
   * there.
   */
  public static final long GROUP_COMMIT_MS = 100;

  /** Safety alarms whose moments are filmed for evidence, like a panic. */
  private static final Set<Hazard> EVIDENCE_HAZARDS =
      EnumSet.of(
          Hazard.CRASH, Hazard.HARSH_BRAKING, Hazard.HARSH_ACCELERATION, Hazard.HARSH_CORNERING);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final PanicButton button;
  private final OutboxSender sender;
  private volatile Optional<EvidenceRecorder> evidence = Optional.empty();
  private final List<AlarmAcks.Listener> alarmAckListeners = new CopyOnWriteArrayList<>();
  private final SealedUplink uplink;
  private final CurrentTrip trip;
  private final VehicleIo io;
  private HealthReporter health;
  private SafetyEngine safety;
  private Clock clock;
  private boolean safetyOnInputs;
  private volatile boolean powerLost;
  private final Optional<VehicleMotion> motion;

  private Device(DeviceConfig config, Clock clock) throws Exception {
    try {
      KeyPair own = DeviceKeys.load(config.dataDir().resolve("keys"));
      WarningOutput voice = voice(config);
      PublicKey gateway = KeyPairs.publicFromPem(Files.readString(config.gatewayPublicKey()));
      int epoch =
          Math.max(
              config.keyEpoch(),
              KeyRotation.storedEpoch(config.dataDir()).orElse(config.keyEpoch()));
      EnvelopeKey key =
          EnvelopeKey.derive(own.getPrivate(), gateway, config.deviceId(), epoch, Direction.UPLINK);
      SequenceCounter sequence = SequenceCounter.open(config.dataDir().resolve("sequence"), 1_000);
      MqttLink link =
          track(
              new MqttLink(
                  new MqttLink.Settings(
                      config.mqttUrl(),
                      "vigil-" + config.deviceId(),
                      Topics.state(config.deviceId()),
                      tls(config))));
      Outbox outbox =
          Outbox.open(
              new Outbox.Settings(
                  config.dataDir().resolve("outbox"), 4L << 20, config.outboxBudgetBytes()));
      sender =
          track(
              new OutboxSender(
                  outbox,
                  transport(link),
                  new OutboxSender.Settings(
                      config.outboxMaxInFlight(), config.outboxRatePerS(), 10_000, GROUP_COMMIT_MS),
                  witness(config)));
      DownlinkKeys downlink = downlinkKeys(own, gateway, config, epoch);
      String ackTopic = Topics.down(config.deviceId(), DownKind.ACK);
      Acknowledgements acks = new Acknowledgements(ackTopic, downlink);
      link.subscribe(ackTopic, message -> acks.open(message).ifPresent(sender::acknowledged));
      uplink = new SealedUplink(config.deviceId(), key, Suite.AES_256_GCM, sequence);
      String configTopic = Topics.down(config.deviceId(), DownKind.CONFIG);
      KeyRotation rotation =
          new KeyRotation(
              configTopic,
              config.deviceId(),
              new KeyRotation.KeyPairRef(own.getPrivate(), gateway),
              uplink,
              downlink,
              config.dataDir());
      link.subscribe(configTopic, rotation::onMessage);
      String mediaAckTopic = Topics.down(config.deviceId(), DownKind.MEDIA_ACK);
      MediaAcks mediaAcks = new MediaAcks(mediaAckTopic, downlink);
      link.subscribe(
          mediaAckTopic,
          message -> mediaAcks.open(message).ifPresent(r -> evidence.ifPresent(e -> e.ranges(r))));
      commands(config, link, downlink, new CaptureEvents(uplink, sender), clock);
      String bootId = Long.toString(clock.millis(), 36);
      PanicAlarms panics = new PanicAlarms(bootId);
      String alarmAckTopic = Topics.down(config.deviceId(), DownKind.ALARM_ACK);
      AlarmAcks alarmAcks = new AlarmAcks(alarmAckTopic, downlink);
      alarmAckListeners.add(
          ack ->
              Logger.info(
                  "control room acknowledged {} alert {}: help is coming",
                  ack.getType(),
                  ack.getAlertId()));
      link.subscribe(
          alarmAckTopic,
          message -> alarmAcks.open(message).ifPresent(ack -> helpAcknowledged(panics, ack)));
      trip = trips(config, link, downlink, voice);
      sender.start();
      link.start();
      this.clock = clock;
      safetyOnInputs = realTime(config);
      io = track(VehicleIo.open(config.gpio(), clock, Path.of("/dev")));
      ReportOutput toOutbox = new OutboxReportOutput(uplink, sender);
      CueOutput cues = io.cues();
      alarmAckListeners.add(ack -> cues.play(Cue.HELP_ACKNOWLEDGED));
      if (config.voice().confirmHelp()) {
        alarmAckListeners.add(ack -> voice.warn(WarningKind.HELP_ACKNOWLEDGED));
      }
      safety =
          new SafetyEngine(
              config.safety(),
              warnings(io.cues(), voice),
              report -> {
                toOutbox.report(report);
                collectEvidence(report);
              },
              bootId);
      DeviceAgent agent =
          track(
              new DeviceAgent(
                  uplink,
                  sender,
                  panics,
                  trip,
                  safety,
                  clock,
                  new DeviceAgent.Settings(
                      config.positionInterval(),
                      config.safety().route().defaultCorridorM(),
                      config.safety().abnormalStop().defaultPlaceRadiusM(),
                      safetyOnInputs)));
      // The safety engine follows the trip: the one saved before a restart, then each change.
      trip.addListener(agent::onTripChanged);
      agent.onTripChanged(trip.get());
      health = track(health(agent, uplink, clock));
      evidence = evidence(config, own, gateway, uplink, clock);
      evidence.ifPresent(recorder -> agent.onAlarm(recorder::alarm));
      evidence.ifPresent(recorder -> recordTripAudio(recorder, trip));
      // The IMU hears GNSS speeds (for its mounting calibration) before the agent does. Safety
      // detectors are added here (motion.addListener), before motion starts.
      Optional<ImuSource> imu = imu(config.imu(), clock);
      motion = imu.map(source -> track(new VehicleMotion(source, calibrator())));
      GnssSource gnss = track(watched(gnss(config, clock, imu), motion));
      button =
          switch (config.button()) {
            case GPIO -> io.button().orElseThrow();
            case FAKE -> track(fakeButton(config, clock));
            case STDIN -> track(new StdinPanicButton(System.in, clock));
          };
      agent.start(gnss, PanicFeedback.around(button, health, io.cues()));
      if (io.ignition().sensed()) {
        // Without a sense line the engine takes the ignition as on (the box runs off it).
        io.ignition().listen(safety::onIgnition);
      }
      motion.ifPresent(m -> m.addListener(this::onMotion));
      motion.ifPresent(VehicleMotion::start);
      io.ignition().start();
      io.power().ifPresent(power -> power.start(this::powerLost));
      health.start(config.healthInterval());
      Logger.info("agent {} of vehicle {} running", config.deviceId(), config.vehicleId());
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  public static Device start(DeviceConfig config, Clock clock) throws Exception {
    return new Device(config, clock);
  }

  public static Device start(DeviceConfig config) throws Exception {
    return start(config, Clock.systemUTC());
  }

  /**
   * Adds a listener told when the control room acknowledges one of this run's alarms; the agent
   * itself logs it and plays {@link Cue#HELP_ACKNOWLEDGED} (a voice output can add itself here).
   */
  public void onAlarmAck(AlarmAcks.Listener listener) {
    alarmAckListeners.add(listener);
  }

  private void helpAcknowledged(PanicAlarms panics, AlarmAck ack) {
    if (ack.getAlarmIdsList().stream().noneMatch(panics::raisedInThisRun)) {
      Logger.warn(
          "ignored alarm-ack for alert {}: none of its alarms was raised in this run",
          ack.getAlertId());
      return;
    }
    for (AlarmAcks.Listener listener : alarmAckListeners) {
      try {
        listener.helpAcknowledged(ack);
      } catch (RuntimeException e) {
        Logger.error(e, "alarm-ack listener failed");
      }
    }
  }

  /** The payload key epoch new records are sealed under (it moves when the gateway rotates). */
  public int keyEpoch() {
    return uplink.epoch();
  }

  /** Records in the outbox not yet acknowledged by the gateway. */
  public int outboxWaiting() {
    return sender.waiting();
  }

  /** The panic button this agent listens to (a {@link FakePanicButton} when configured so). */
  public PanicButton panicButton() {
    return button;
  }

  /**
   * Cameras, trip audio and alarm evidence, when any camera or microphone is configured. Panic
   * alarms reach it through the agent and trip audio follows the current trip; other alarms (crash,
   * harsh) reach {@link EvidenceRecorder#alarm} through {@link #collectEvidence}.
   */
  public Optional<EvidenceRecorder> evidence() {
    return evidence;
  }

  /** Trip audio follows the current trip's {@code recording_required}, now and on every change. */
  private static void recordTripAudio(EvidenceRecorder recorder, CurrentTrip trip) {
    TripListener follow =
        now -> recorder.recordingRequired(now.map(t -> t.getRecordingRequired()).orElse(false));
    follow.onTripChanged(trip.get());
    trip.addListener(follow);
  }

  private Optional<EvidenceRecorder> evidence(
      DeviceConfig config, KeyPair own, PublicKey gateway, SealedUplink uplink, Clock clock)
      throws java.io.IOException {
    EvidenceConfig settings = config.evidence();
    if (settings.cameras().isEmpty() && settings.microphone().isEmpty()) {
      return Optional.empty();
    }
    EvidenceRecorder.Wiring wiring =
        new EvidenceRecorder.Wiring(
            config.deviceId(),
            own,
            gateway,
            new CaptureEvents(uplink, sender),
            media -> sender.record(uplink.seal(UpKind.MEDIA, Lane.MEDIA, media)));
    return Optional.of(track(EvidenceRecorder.start(settings, wiring, clock)));
  }

  /** Whether fixes arrive as fast as they were driven; a fast replay compresses time. */
  private static boolean realTime(DeviceConfig config) {
    boolean imuReplay = config.imu().source() == ImuConfig.Kind.REPLAY;
    boolean compressed =
        (config.gnss() == DeviceConfig.GnssKind.REPLAY && config.replaySpeed() != 1.0)
            || (imuReplay && config.imu().replaySpeed() != 1.0);
    if (compressed) {
      Logger.warn("safety detectors off: a recording is replayed faster than it was driven");
    }
    return !compressed;
  }

  /** In-cab warnings: to the log, the buzzer and LED, and the voice prompt of the same name. */
  private static dev.vigil.device.safety.WarningOutput warnings(
      CueOutput cues, WarningOutput voice) {
    return dev.vigil.device.safety.WarningOutput.all(
        java.util.List.of(
            new LogWarningOutput(),
            warning -> cues.play(Cue.WARNING),
            warning -> prompt(warning).ifPresent(voice::warn)));
  }

  /** The voice prompt for a warning: the prompts are named after the hazards they announce. */
  private static Optional<WarningKind> prompt(DriverWarning warning) {
    for (WarningKind kind : WarningKind.values()) {
      if (kind.name().equals(warning.hazard().name())) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /**
   * IMU samples in the vehicle frame to the safety engine, once the mounting is calibrated (before
   * that the axes are a guess and must not raise harsh-driving or crash alarms).
   */
  private void onMotion(
      dev.vigil.device.imu.ImuSample raw, dev.vigil.device.imu.VehicleAcceleration vehicle) {
    if (safetyOnInputs && vehicle.calibrated()) {
      safety.onAcceleration(
          new dev.vigil.device.safety.VehicleAcceleration(
              vehicle.time(), vehicle.longitudinalMps2(), vehicle.lateralMps2()));
    }
  }

  /**
   * The control room's commands ({@code down/cmd}): sealed for this device and fresher than the
   * last one; a window request uploads what the vault still holds (see {@link WindowRequests}).
   */
  private void commands(
      DeviceConfig config, MqttLink link, DownlinkKeys downlink, CaptureEvents events, Clock clock)
      throws IOException {
    String topic = Topics.down(config.deviceId(), DownKind.CMD);
    CommandDownlink commands =
        CommandDownlink.open(topic, downlink, config.dataDir().resolve("command-seq"));
    WindowRequests requests = new WindowRequests(() -> evidence, events::send, clock);
    link.subscribe(topic, message -> commands.open(message).ifPresent(requests::onCommand));
  }

  /** Crash and harsh-driving alarms get the same camera evidence as a panic (issue 7). */
  private void collectEvidence(Report report) {
    if (report.kind() == Report.Kind.ALARM && EVIDENCE_HAZARDS.contains(report.hazard())) {
      evidence.ifPresent(recorder -> recorder.alarm(report.id(), report.at()));
    }
  }

  /** The vehicle's current trip, as last pushed by the gateway (kept across restarts). */
  public CurrentTrip currentTrip() {
    return trip;
  }

  /** Opens the configured voice output first: a box without its sound card stops here. */
  private WarningOutput voice(DeviceConfig config) {
    WarningOutput voice = config.voice().open();
    if (voice instanceof AutoCloseable closeable) {
      track(closeable);
    }
    return voice;
  }

  /**
   * The saved trip, then the gateway's {@code down/trip} messages: sealed for this device, retained
   * by the broker, so the latest arrives again on every connection (see {@link CurrentTrip}).
   */
  private static CurrentTrip trips(
      DeviceConfig config, MqttLink link, DownlinkKeys downlink, WarningOutput voice)
      throws IOException {
    CurrentTrip trip = CurrentTrip.open(new TripFile(config.dataDir().resolve("trip")));
    trip.addListener(
        now -> voice.warn(now.isPresent() ? WarningKind.TRIP_STARTED : WarningKind.TRIP_ENDED));
    String topic = Topics.down(config.deviceId(), DownKind.TRIP);
    TripDownlink messages = new TripDownlink(topic, downlink);
    link.subscribe(topic, message -> messages.open(message).ifPresent(trip::offer));
    return trip;
  }

  private OutboxSender.DurableListener witness(DeviceConfig config) throws java.io.IOException {
    if (config.outboxWitnessFile().isEmpty()) {
      return OutboxSender.DurableListener.NONE;
    }
    return track(new WitnessJournal(config.outboxWitnessFile().get()));
  }

  /** The vehicle's acceleration from the IMU, when one is configured ({@code imu.source}). */
  public Optional<VehicleMotion> motion() {
    return motion;
  }

  /**
   * Downlink keys from the configured first epoch up to {@code epoch}: records in the outbox may be
   * sealed under any of them, and their acknowledgements come under the same epoch.
   */
  private static DownlinkKeys downlinkKeys(
      KeyPair own, PublicKey gateway, DeviceConfig config, int epoch) {
    String id = config.deviceId();
    DownlinkKeys keys =
        new DownlinkKeys(
            EnvelopeKey.derive(
                own.getPrivate(), gateway, id, config.keyEpoch(), Direction.DOWNLINK));
    for (int e = config.keyEpoch() + 1; e <= epoch; e++) {
      keys.add(EnvelopeKey.derive(own.getPrivate(), gateway, id, e, Direction.DOWNLINK));
    }
    return keys;
  }

  /** The box's key and enrolled certificate, trusting the fleet CA: for an ssl:// broker. */
  private static Optional<SSLContext> tls(DeviceConfig config) throws java.io.IOException {
    if (config.tlsCertificate().isEmpty() || config.tlsCa().isEmpty()) {
      return Optional.empty();
    }
    Path keys = config.dataDir().resolve("keys").resolve(DeviceKeys.PRIVATE_FILE);
    return Optional.of(
        PemTls.context(
            Files.readString(keys),
            Files.readString(config.tlsCertificate().get()),
            Files.readString(config.tlsCa().get())));
  }

  /** The ignition sense, for trips and fatigue; never on when none is wired. */
  public Ignition ignition() {
    return io.ignition();
  }

  /** The buzzer and LED, for warnings. */
  public CueOutput cues() {
    return io.cues();
  }

  /** The simulated GPIO pins, with {@code gpio.provider=mock}: tests press the button here. */
  public Optional<Gpio.MockPins> mockPins() {
    return io.mockPins();
  }

  /** Whether the agent stopped because the supply was lost (the box should now power off). */
  public boolean stoppedForPowerLoss() {
    return powerLost;
  }

  /** Blocks until the agent has stopped: closed, or shut down after a power loss. */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  private HealthReporter health(DeviceAgent agent, SealedUplink uplink, Clock clock) {
    HealthReporter.Sources sources =
        new HealthReporter.Sources() {
          @Override
          public boolean gnssOk() {
            return agent.gnssOk();
          }

          @Override
          public boolean ignitionOn() {
            return io.ignition().on();
          }

          @Override
          public long outboxRecords() {
            return sender.waiting();
          }
        };
    return new HealthReporter(
        sources,
        report -> sender.record(uplink.seal(UpKind.HEALTH, Lane.HEALTH, report.toByteArray())),
        clock);
  }

  /**
   * The supply is gone and the box runs on its reserve: report it (durably, health lane), then stop
   * as at SIGTERM, on a thread of its own since the power monitor is among what stops.
   */
  private void powerLost() {
    powerLost = true;
    safety.onPowerCut(clock.instant());
    health.fault("power", "supply lost; agent shut down on reserve power");
    Thread stopper = new Thread(this::close, "power-loss-stop");
    stopper.start();
  }

  private static OutboxSender.Transport transport(MqttLink link) {
    return new OutboxSender.Transport() {
      @Override
      public boolean connected() {
        return link.isConnected();
      }

      @Override
      public int brokerWindow() {
        return link.brokerWindow();
      }

      @Override
      public java.util.concurrent.CompletableFuture<Void> publish(String topic, byte[] envelope) {
        return link.publish(topic, envelope, 1, false);
      }
    };
  }

  static GnssSource gnss(DeviceConfig config, Clock clock) {
    return gnss(config, clock, Optional.empty());
  }

  private static GnssSource gnss(DeviceConfig config, Clock clock, Optional<ImuSource> imu) {
    return switch (config.gnss()) {
      case REPLAY ->
          new ShiftedReplay(
              new ReplayGnssSource(config.replayFile(), config.replaySpeed(), config.replayLoop()),
              clock);
      case SERIAL ->
          new SerialGnssSource(
              SerialGnssSource.Settings.of(config.serialPort(), config.serialBaud()));
      case GPSD -> new GpsdGnssSource(config.gpsdHost(), config.gpsdPort());
      case IMU_REPLAY ->
          imu.map(ReplayImuSource.class::cast).orElseThrow().gnss(); // checked in DeviceConfig
    };
  }

  private static GnssSource watched(GnssSource gnss, Optional<VehicleMotion> motion) {
    return motion.map(m -> m.watching(gnss)).orElse(gnss);
  }

  private static MountingCalibrator calibrator() {
    return new MountingCalibrator(MountingCalibrator.defaults());
  }

  static Optional<ImuSource> imu(ImuConfig imu, Clock clock) {
    return switch (imu.source()) {
      case NONE -> Optional.empty();
      case I2C ->
          Optional.of(
              new Pi4jImu(new Pi4jImu.Settings(imu.bus(), imu.address(), imu.rateHz()), clock));
      case REPLAY ->
          Optional.of(
              new ReplayImuSource(imu.replayFile(), imu.replaySpeed(), imu.replayLoop(), clock));
    };
  }

  private FakePanicButton fakeButton(DeviceConfig config, Clock clock) {
    FakePanicButton fake = new FakePanicButton(clock);
    config
        .fakePressAfter()
        .ifPresent(
            delay -> {
              ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
              timer.schedule(fake::press, delay.toMillis(), TimeUnit.MILLISECONDS);
              track(timer::shutdownNow);
              Logger.info("simulated panic press in {} s", delay.toSeconds());
            });
    return fake;
  }

  private <T extends AutoCloseable> T track(T component) {
    started.push(component);
    return component;
  }

  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      AutoCloseable component = started.pop();
      try {
        component.close();
      } catch (Exception e) {
        Logger.warn("stopping {}: {}", component.getClass().getSimpleName(), e.getMessage());
      }
    }
    stopped.countDown();
  }

  /** A replayed recording presented as a drive happening now (see {@link TimeShiftingListener}). */
  private record ShiftedReplay(GnssSource replay, Clock clock) implements GnssSource {
    @Override
    public void start(GnssListener listener) {
      replay.start(new TimeShiftingListener(listener, clock));
    }

    @Override
    public void close() {
      replay.close();
    }
  }
}
