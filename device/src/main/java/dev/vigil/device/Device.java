package dev.vigil.device;

import dev.vigil.device.button.FakePanicButton;
import dev.vigil.device.button.PanicButton;
import dev.vigil.device.button.StdinPanicButton;
import dev.vigil.device.evidence.EvidenceRecorder;
import dev.vigil.device.gpio.Gpio;
import dev.vigil.device.gps.GnssSource;
import dev.vigil.device.health.HealthReporter;
import dev.vigil.device.ignition.Ignition;
import dev.vigil.device.imu.ImuSource;
import dev.vigil.device.imu.VehicleMotion;
import dev.vigil.device.indicator.Cue;
import dev.vigil.device.indicator.CueOutput;
import dev.vigil.device.link.AlarmAcks;
import dev.vigil.device.link.DownlinkKeys;
import dev.vigil.device.link.MqttLink;
import dev.vigil.device.link.SealedUplink;
import dev.vigil.device.link.SequenceCounter;
import dev.vigil.device.outbox.OutboxSender;
import dev.vigil.device.outbox.WitnessJournal;
import dev.vigil.device.provisioning.DeviceKeys;
import dev.vigil.device.safety.OutboxReportOutput;
import dev.vigil.device.safety.PanicAlarms;
import dev.vigil.device.safety.ReportOutput;
import dev.vigil.device.safety.SafetyEngine;
import dev.vigil.device.trip.CurrentTrip;
import dev.vigil.device.warning.WarningKind;
import dev.vigil.device.warning.WarningOutput;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.envelope.Suite;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * The running agent, wired by hand: the device's one composition root. Start order: keys, voice
 * output, sequence counter, link, outbox and its sender, downlinks and the saved trip, agent, the
 * GPIO parts, health, then the inputs (GNSS, button, ignition, power-good), so no input arrives
 * before its handler; stop order is the reverse. A power loss runs the same stop path: the outbox
 * is forced to disk, then the agent ends ({@link #awaitStopped}). Each feature's wiring lives in
 * its own class beside this one ({@link Keyring}, {@link OutboxWiring}, {@link Downlinks}, {@link
 * SafetyWiring}, {@link AlarmEvidence}, {@link HealthWiring}, {@link Sensors}).
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

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final PanicButton button;
  private final OutboxSender sender;
  private volatile Optional<EvidenceRecorder> evidence = Optional.empty();
  private final Downlinks downlinks;
  private final SealedUplink uplink;
  private final CurrentTrip trip;
  private final VehicleIo io;
  private HealthReporter health;
  private SafetyEngine safety;
  private Clock clock;
  private volatile boolean powerLost;
  private final Optional<VehicleMotion> motion;

  private Device(DeviceConfig config, Clock clock) throws Exception {
    try {
      KeyPair own = DeviceKeys.load(config.dataDir().resolve("keys"));
      WarningOutput voice = voice(config);
      Keyring keyring = Keyring.load(config, own);
      SequenceCounter sequence = SequenceCounter.open(config.dataDir().resolve("sequence"), 1_000);
      MqttLink link = track(new MqttLink(linkSettings(config)));
      sender =
          track(
              new OutboxSender(
                  OutboxWiring.open(config),
                  OutboxWiring.transport(link),
                  OutboxWiring.senderSettings(config),
                  witness(config)));
      DownlinkKeys downlink = keyring.downlink(config.deviceId(), config.keyEpoch());
      uplink =
          new SealedUplink(
              config.deviceId(), keyring.uplink(config.deviceId()), Suite.AES_256_GCM, sequence);
      String bootId = Long.toString(clock.millis(), 36);
      PanicAlarms panics = new PanicAlarms(bootId);
      downlinks =
          Downlinks.subscribe(
              config,
              keyring,
              link,
              downlink,
              new Downlinks.Targets(sender, uplink, panics, voice, () -> evidence),
              clock);
      trip = downlinks.trip();
      sender.start();
      link.start();
      this.clock = clock;
      boolean safetyOnInputs = Sensors.realTime(config);
      io = track(VehicleIo.open(config.gpio(), clock, Path.of("/dev")));
      ReportOutput toOutbox = new OutboxReportOutput(uplink, sender);
      CueOutput cues = io.cues();
      downlinks.onAlarmAck(ack -> cues.play(Cue.HELP_ACKNOWLEDGED));
      if (config.voice().confirmHelp()) {
        downlinks.onAlarmAck(ack -> voice.warn(WarningKind.HELP_ACKNOWLEDGED));
      }
      safety =
          new SafetyEngine(
              config.safety(),
              SafetyWiring.warnings(io.cues(), voice),
              report -> {
                toOutbox.report(report);
                AlarmEvidence.collect(report, evidence);
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
      health = track(HealthWiring.reporter(agent, io.ignition(), sender, uplink, clock));
      evidence = AlarmEvidence.start(config, keyring, uplink, sender, clock).map(this::track);
      evidence.ifPresent(recorder -> agent.onAlarm(recorder::alarm));
      evidence.ifPresent(recorder -> AlarmEvidence.recordTripAudio(recorder, trip));
      // The IMU hears GNSS speeds (for its mounting calibration) before the agent does. Safety
      // detectors are added here (motion.addListener), before motion starts.
      Optional<ImuSource> imu = Sensors.imu(config.imu(), clock);
      motion = imu.map(source -> track(new VehicleMotion(source, Sensors.calibrator())));
      GnssSource gnss = track(Sensors.watched(Sensors.gnss(config, clock, imu), motion));
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
      motion.ifPresent(m -> m.addListener(SafetyWiring.motion(safety, safetyOnInputs)));
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
    downlinks.onAlarmAck(listener);
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
   * harsh) reach {@link EvidenceRecorder#alarm} through {@link AlarmEvidence#collect}.
   */
  public Optional<EvidenceRecorder> evidence() {
    return evidence;
  }

  /** The vehicle's current trip, as last pushed by the gateway (kept across restarts). */
  public CurrentTrip currentTrip() {
    return trip;
  }

  /** The vehicle's acceleration from the IMU, when one is configured ({@code imu.source}). */
  public Optional<VehicleMotion> motion() {
    return motion;
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

  private static MqttLink.Settings linkSettings(DeviceConfig config) throws IOException {
    return new MqttLink.Settings(
        config.mqttUrl(),
        "vigil-" + config.deviceId(),
        Topics.state(config.deviceId()),
        Keyring.tls(config));
  }

  /** Opens the configured voice output first: a box without its sound card stops here. */
  private WarningOutput voice(DeviceConfig config) {
    WarningOutput voice = config.voice().open();
    if (voice instanceof AutoCloseable closeable) {
      track(closeable);
    }
    return voice;
  }

  private OutboxSender.DurableListener witness(DeviceConfig config) throws IOException {
    if (config.outboxWitnessFile().isEmpty()) {
      return OutboxSender.DurableListener.NONE;
    }
    return track(new WitnessJournal(config.outboxWitnessFile().get()));
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
}
