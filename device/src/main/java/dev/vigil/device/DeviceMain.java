package dev.vigil.device;

import dev.vigil.device.cli.Terminal;
import dev.vigil.device.gps.DecodeNmeaCommand;
import dev.vigil.device.provisioning.DeviceKeys;
import dev.vigil.device.provisioning.Enroller;
import dev.vigil.device.safety.replay.ReplayCommand;
import dev.vigil.device.selftest.Installer;
import dev.vigil.device.selftest.SelfTest;
import dev.vigil.device.warning.SayCommand;
import dev.vigil.protocol.settings.Arguments;
import dev.vigil.protocol.settings.Settings;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Duration;
import org.tinylog.Logger;

/**
 * {@code vigil-device COMMAND}: the agent's command line and its one composition root.
 *
 * <ul>
 *   <li>{@code run [--config FILE] [key=value ...]}: runs the agent until SIGTERM/Ctrl-C.
 *   <li>{@code keys [--data DIR]}: generates the device key pair; prints the public key file.
 *   <li>{@code enroll --gateway URL --token T [--data DIR] [--device ID]}: enrols this box ({@link
 *       Enroller}).
 *   <li>{@code decode-nmea FILE}: prints one JSON line per fix of a recorded NMEA file.
 *   <li>{@code replay --nmea FILE [--imu FILE] [--trip FILE] [safety.KEY=VALUE ...]}: runs the
 *       safety engine over a recording; one JSON line per warning, event and alarm.
 *   <li>{@code say KIND [--config FILE] [key=value ...]}: speaks one voice prompt (installer
 *       check).
 *   <li>{@code selftest [--config FILE] [--report FILE] [--gnss-timeout-s N] [--button-timeout-s N]
 *       [key=value ...]}: checks the fitted parts with the installer; exit 1 on any failure.
 * </ul>
 */
public final class DeviceMain {
  private static final String USAGE =
      """
      usage: vigil-device run [--config FILE] [key=value ...]
             vigil-device keys [--data DIR]
             vigil-device enroll --gateway URL --token TOKEN [--data DIR] [--device ID]
             vigil-device decode-nmea FILE
             vigil-device replay --nmea FILE [--imu FILE] [--trip FILE] [safety.KEY=VALUE ...]
             vigil-device say KIND [--config FILE] [key=value ...]
             vigil-device selftest [--config FILE] [--report FILE] [--gnss-timeout-s N]
                                   [--button-timeout-s N] [key=value ...]
      """;

  /**
   * Exit status after the power-good line dropped and the agent saved and stopped: the systemd unit
   * powers the box off on it, and does not restart the agent (hardware-notes/power.md).
   */
  static final int EXIT_POWER_LOST = 75;

  private DeviceMain() {}

  public static void main(String[] args) {
    System.exit(run(args, Terminal.in(), Terminal.out(), Terminal.err()));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, new BufferedReader(Reader.nullReader()), out, err);
  }

  static int run(String[] args, BufferedReader in, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(USAGE);
      return 2;
    }
    try {
      return switch (args[0]) {
        case "run" -> agent(Arguments.parse(args, 1));
        case "keys" -> keys(Arguments.parse(args, 1), out);
        case "enroll" -> enroll(Arguments.parse(args, 1), out);
        case "selftest" -> selfTest(Arguments.parse(args, 1), in, out);
        case "decode-nmea" -> {
          if (args.length != 2) {
            throw new Arguments.UsageException("decode-nmea takes one FILE");
          }
          yield DecodeNmeaCommand.run(Path.of(args[1]), out, err);
        }
        case "replay" -> ReplayCommand.run(Arguments.parse(args, 1), out, err);
        case "say" -> say(args, out);
        case "help", "--help", "-h" -> {
          out.print(USAGE);
          yield 0;
        }
        default -> {
          err.println("unknown command: " + args[0]);
          err.print(USAGE);
          yield 2;
        }
      };
    } catch (Enroller.Failed e) {
      err.println("vigil-device: " + e.getMessage());
      return 1;
    } catch (Arguments.UsageException | Settings.SettingsException | IllegalArgumentException e) {
      err.println("vigil-device: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      Logger.error(e, "vigil-device {} failed", args[0]);
      err.println("vigil-device: " + args[0] + " failed: " + e.getMessage());
      return 1;
    }
  }

  private static int keys(Arguments arguments, PrintStream out) throws Exception {
    Path folder = arguments.path("--data").orElse(Path.of("var/device")).resolve("keys");
    out.println(DeviceKeys.generate(folder));
    return 0;
  }

  private static int say(String[] args, PrintStream out) throws Exception {
    if (args.length < 2) {
      throw new Arguments.UsageException("say takes a prompt KIND, e.g. say SPEEDING");
    }
    Arguments arguments = Arguments.parse(args, 2);
    DeviceConfig config = DeviceConfig.load(arguments.path("--config"), arguments.overrides());
    return SayCommand.run(args[1], config.voice(), out);
  }

  private static int enroll(Arguments arguments, PrintStream out) throws Exception {
    java.net.URI gateway = java.net.URI.create(arguments.required("--gateway"));
    String deviceId = arguments.optional("--device").orElseGet(DeviceMain::hostName);
    Path data = arguments.path("--data").orElse(Path.of("var/device"));
    Enroller.enrol(
        new Enroller.Request(gateway, arguments.required("--token"), deviceId, data), out);
    return 0;
  }

  /** The box's short host name: the default device id. */
  private static String hostName() {
    try {
      String name = java.net.InetAddress.getLocalHost().getHostName();
      return name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    } catch (java.net.UnknownHostException e) {
      throw new Arguments.UsageException("cannot read the host name; give --device ID");
    }
  }

  private static int selfTest(Arguments arguments, BufferedReader in, PrintStream out)
      throws Exception {
    DeviceConfig config = DeviceConfig.load(arguments.path("--config"), arguments.overrides());
    SelfTest.Timeouts timeouts =
        new SelfTest.Timeouts(
            Duration.ofSeconds(seconds(arguments, "--gnss-timeout-s", 120)),
            Duration.ofSeconds(seconds(arguments, "--button-timeout-s", 30)));
    return SelfTestCommand.run(
        config, timeouts, Installer.console(in, out), out, arguments.path("--report"));
  }

  private static long seconds(Arguments arguments, String option, long fallback) {
    String value = arguments.optional(option).orElse(Long.toString(fallback));
    try {
      long seconds = Long.parseLong(value);
      if (seconds >= 1 && seconds <= 3_600) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new Arguments.UsageException(option + " must be 1..3600 seconds, not " + value);
  }

  private static int agent(Arguments arguments) throws Exception {
    DeviceConfig config = DeviceConfig.load(arguments.path("--config"), arguments.overrides());
    Device device = Device.start(config);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  Logger.info("agent stopping");
                  device.close();
                },
                "agent-shutdown"));
    // Returns after SIGTERM/Ctrl-C, or after a power loss stopped the agent by itself.
    device.awaitStopped();
    return device.stoppedForPowerLoss() ? EXIT_POWER_LOST : 0;
  }
}
