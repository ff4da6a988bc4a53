package dev.vigil.device;

import dev.vigil.device.gps.SerialGnssSource;
import dev.vigil.device.selftest.Installer;
import dev.vigil.device.selftest.SelfTest;
import dev.vigil.device.selftest.SelfTestReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * {@code vigil-device selftest}: checks the parts the config says are fitted, with the installer at
 * the terminal, prints a report (also written to {@code --report FILE}), and exits 1 if any part
 * failed. The link is never started.
 */
final class SelfTestCommand {
  private SelfTestCommand() {}

  /** Opens the configured parts, runs the test, prints and saves the report. */
  static int run(
      DeviceConfig config,
      SelfTest.Timeouts timeouts,
      Installer installer,
      PrintStream out,
      Optional<Path> reportFile)
      throws IOException, InterruptedException {
    try (VehicleIo io = VehicleIo.open(config.gpio(), Clock.systemUTC(), Path.of("/dev"))) {
      return run(config, io, timeouts, installer, out, reportFile);
    }
  }

  /** Runs the test on parts already opened (tests drive their mock pins). */
  static int run(
      DeviceConfig config,
      VehicleIo io,
      SelfTest.Timeouts timeouts,
      Installer installer,
      PrintStream out,
      Optional<Path> reportFile)
      throws IOException, InterruptedException {
    SelfTestReport report =
        new SelfTest(parts(config, io), timeouts, installer)
            .run(
                new SelfTestReport(
                    config.deviceId(), config.vehicleId(), Clock.systemUTC().instant()));
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    report.print(new PrintStream(text, true, StandardCharsets.UTF_8));
    out.print(text.toString(StandardCharsets.UTF_8));
    if (reportFile.isPresent()) {
      Files.write(reportFile.get(), text.toByteArray());
    }
    return report.passed() ? 0 : 1;
  }

  private static SelfTest.Parts parts(DeviceConfig config, VehicleIo io) {
    Optional<SerialGnssSource> serial =
        config.gnss() == DeviceConfig.GnssKind.SERIAL
            ? Optional.of((SerialGnssSource) Sensors.gnss(config, Clock.systemUTC()))
            : Optional.empty();
    Optional<LongSupplier> sentences = serial.map(s -> () -> s.counts().sentences());
    return new SelfTest.Parts(
        serial.map(s -> s),
        sentences,
        io.button(),
        io.ignition(),
        io.power(),
        io.cues(),
        config.gpio().buzzer().isPresent(),
        config.gpio().led().isPresent(),
        Sensors.imu(config.imu(), Clock.systemUTC()),
        // A chip is read at imu.rate-hz; a recording plays at whatever rate it was made.
        config.imu().source() == ImuConfig.Kind.I2C ? config.imu().rateHz() : 1);
  }
}
