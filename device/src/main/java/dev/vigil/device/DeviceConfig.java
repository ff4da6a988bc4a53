package dev.vigil.device;

import dev.vigil.device.evidence.EvidenceConfig;
import dev.vigil.device.provisioning.EnrolledFiles;
import dev.vigil.device.safety.SafetyConfig;
import dev.vigil.device.safety.SafetySettings;
import dev.vigil.device.warning.VoicePrompts;
import dev.vigil.device.warning.VoiceSettings;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.settings.Settings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Every device setting, read and checked once at start. Each key is documented in {@code
 * config/device.properties}; a bad value stops the agent with the key's name. Relative paths
 * resolve against the working directory. Real or fake hardware is always an explicit choice.
 */
public record DeviceConfig(
    String deviceId,
    String vehicleId,
    Path dataDir,
    String mqttUrl,
    Path gatewayPublicKey,
    int keyEpoch,
    GnssKind gnss,
    Path replayFile,
    double replaySpeed,
    boolean replayLoop,
    String serialPort,
    int serialBaud,
    ButtonKind button,
    Optional<Duration> fakePressAfter,
    Duration positionInterval,
    long outboxBudgetBytes,
    int outboxMaxInFlight,
    int outboxRatePerS,
    GpioConfig gpio,
    Duration healthInterval,
    String gpsdHost,
    int gpsdPort,
    ImuConfig imu,
    Optional<Path> tlsCertificate,
    Optional<Path> tlsCa,
    VoiceSettings voice,
    SafetyConfig safety,
    Optional<Path> outboxWitnessFile,
    EvidenceConfig evidence) {

  /** Where fixes come from. */
  public enum GnssKind {
    /** A recorded NMEA file, replayed as a drive happening now (demo, simulated vehicles). */
    REPLAY,
    /** A receiver on a serial port: the box in a vehicle. */
    SERIAL,
    /** A gpsd daemon over TCP, for boxes that already run one. */
    GPSD,
    /**
     * The GNSS of the recording the IMU replays ({@code imu.replay.file}), in step with its
     * samples: a replayed drive whose mounting calibration can complete.
     */
    IMU_REPLAY
  }

  /** What the panic button is. */
  public enum ButtonKind {
    /** Pressed in code: the demo and tests. */
    FAKE,
    /** A GPIO input (see {@link GpioConfig}): the box in a vehicle. */
    GPIO,
    /** Each line on standard input is a press: the crash harness drives the agent so. */
    STDIN
  }

  /**
   * Loads {@code file} (when given), applies {@code overrides} on top, then fills any key still
   * unset from what enrolment stored under {@code data.dir} ({@link EnrolledFiles}): an enrolled
   * box needs no settings beyond its hardware.
   */
  public static DeviceConfig load(Optional<Path> file, Map<String, String> overrides)
      throws IOException {
    Properties properties = new Properties();
    if (file.isPresent()) {
      try (Reader reader = Files.newBufferedReader(file.get())) {
        properties.load(reader);
      }
    }
    properties.putAll(overrides);
    Path dataDir =
        Path.of("").toAbsolutePath().resolve(properties.getProperty("data.dir", "var/device"));
    EnrolledFiles.settings(dataDir).forEach(properties::putIfAbsent);
    return from(new Settings(properties, file.map(Path::toString).orElse("device settings")));
  }

  static DeviceConfig from(Settings s) {
    Path cwd = Path.of("").toAbsolutePath();
    String deviceId = s.required("device.id");
    if (!Topics.isValidId(deviceId)) {
      throw s.bad("device.id", deviceId, "may hold only letters, digits, '.', '_' and '-'");
    }
    GnssKind gnss = s.choice("gnss.source", GnssKind.class, GnssKind.REPLAY);
    long pressAfterS = s.longValue("button.fake.press-after-s", 0, 0, 86_400);
    ButtonKind button = s.choice("button.source", ButtonKind.class, ButtonKind.FAKE);
    String serialPort = s.string("gnss.serial.port", "/dev/serial0");
    boolean uart = gnss == GnssKind.SERIAL && serialPort.matches("/dev/(serial0|ttyAMA0|ttyS0)");
    DeviceConfig config =
        new DeviceConfig(
            deviceId,
            s.required("vehicle.id"),
            s.path("data.dir", cwd, "var/device"),
            s.string("mqtt.url", "tcp://127.0.0.1:1883"),
            s.path("gateway.public-key", cwd, "var/gateway/keys/gateway-public.pem"),
            s.integer("keys.epoch", 1, 1, Integer.MAX_VALUE),
            gnss,
            s.path("gnss.replay.file", cwd, "scripts/data/munich-gps.nmea"),
            s.decimal("gnss.replay.speed", 1.0, 0.01, Double.POSITIVE_INFINITY),
            s.bool("gnss.replay.loop", true),
            serialPort,
            s.integer("gnss.serial.baud", 9_600, 1_200, 921_600),
            button,
            pressAfterS == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(pressAfterS)),
            Duration.ofMillis(s.longValue("position.interval-ms", 1_000, 100, 3_600_000)),
            s.longValue("outbox.budget-mb", 256, 1, 1 << 20) << 20,
            s.integer("outbox.max-in-flight", 500, 1, 65_535),
            s.integer("outbox.rate-per-s", 2_000, 1, 1_000_000),
            GpioConfig.from(s, button == ButtonKind.GPIO, uart),
            Duration.ofSeconds(s.longValue("health.interval-s", 60, 1, 86_400)),
            s.string("gnss.gpsd.host", "127.0.0.1"),
            s.integer("gnss.gpsd.port", 2947, 1, 65_535),
            ImuConfig.from(s, cwd),
            s.optional("mqtt.tls.certificate").map(p -> cwd.resolve(p)),
            s.optional("mqtt.tls.ca").map(p -> cwd.resolve(p)),
            voice(s, cwd),
            SafetySettings.from(s),
            s.optional("outbox.witness-file").map(cwd::resolve),
            EvidenceConfig.from(s, cwd));
    if (gnss == GnssKind.IMU_REPLAY && config.imu().source() != ImuConfig.Kind.REPLAY) {
      throw s.bad("gnss.source", "imu-replay", "needs imu.source=replay");
    }
    if (config.mqttUrl().startsWith("ssl://")
        && (config.tlsCertificate().isEmpty() || config.tlsCa().isEmpty())) {
      throw s.bad(
          config.tlsCertificate().isEmpty() ? "mqtt.tls.certificate" : "mqtt.tls.ca",
          null,
          "is required with an ssl:// mqtt.url (run 'vigil-device enroll')");
    }
    if (!s.unknownKeys().isEmpty()) {
      throw s.bad(s.unknownKeys().iterator().next(), null, "is not a device setting");
    }
    return config;
  }

  private static VoiceSettings voice(Settings s, Path cwd) {
    return new VoiceSettings(
        s.bool("warnings.voice.enabled", false),
        s.choice("warnings.voice.language", VoicePrompts.Language.class, VoicePrompts.Language.EN),
        s.choice(
            "warnings.voice.output", VoiceSettings.Output.class, VoiceSettings.Output.SOUND_CARD),
        s.optional("warnings.voice.mixer").filter(name -> !name.isBlank()),
        s.path("warnings.voice.wav-file", cwd, "var/device/voice.wav"),
        s.bool("warnings.voice.confirm-help", false));
  }
}
