package dev.vigil.device;

import dev.vigil.device.cli.Terminal;
import dev.vigil.device.gps.DecodeNmeaCommand;
import dev.vigil.device.provisioning.DeviceKeys;
import dev.vigil.device.safety.replay.ReplayCommand;
import dev.vigil.protocol.settings.Arguments;
import dev.vigil.protocol.settings.Settings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.tinylog.Logger;

/**
 * {@code vigil-device COMMAND}: the agent's command line and its one composition root.
 *
 * <ul>
 *   <li>{@code run [--config FILE] [key=value ...]}: runs the agent until SIGTERM/Ctrl-C.
 *   <li>{@code keys [--data DIR]}: generates the device key pair; prints the public key file.
 *   <li>{@code decode-nmea FILE}: prints one JSON line per fix of a recorded NMEA file.
 *   <li>{@code replay --nmea FILE [--imu FILE] [--trip FILE] [safety.KEY=VALUE ...]}: runs the
 *       safety engine over a recording; one JSON line per warning, event and alarm.
 * </ul>
 */
public final class DeviceMain {
  private static final String USAGE =
      """
      usage: vigil-device run [--config FILE] [key=value ...]
             vigil-device keys [--data DIR]
             vigil-device decode-nmea FILE
             vigil-device replay --nmea FILE [--imu FILE] [--trip FILE] [safety.KEY=VALUE ...]
      """;

  private DeviceMain() {}

  public static void main(String[] args) {
    System.exit(run(args, Terminal.out(), Terminal.err()));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(USAGE);
      return 2;
    }
    try {
      return switch (args[0]) {
        case "run" -> agent(Arguments.parse(args, 1));
        case "keys" -> keys(Arguments.parse(args, 1), out);
        case "decode-nmea" -> {
          if (args.length != 2) {
            throw new Arguments.UsageException("decode-nmea takes one FILE");
          }
          yield DecodeNmeaCommand.run(Path.of(args[1]), out, err);
        }
        case "replay" -> ReplayCommand.run(Arguments.parse(args, 1), out, err);
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

  private static int agent(Arguments arguments) throws Exception {
    DeviceConfig config = DeviceConfig.load(arguments.path("--config"), arguments.overrides());
    CountDownLatch stopped = new CountDownLatch(1);
    Device device = Device.start(config);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  Logger.info("agent stopping");
                  device.close();
                  stopped.countDown();
                },
                "agent-shutdown"));
    stopped.await();
    return 0;
  }
}
