package dev.vigil.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.gpio.Gpio;
import dev.vigil.device.selftest.Installer;
import dev.vigil.device.selftest.SelfTest;
import dev.vigil.protocol.settings.Settings;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer's self-test against a real receiver capture on a socat pseudo-terminal (through
 * jssc, at 9600 baud) and Pi4J mock pins. The installer is played by the test: it presses the
 * button when told to, and says it saw the LED and heard the buzzer only if those pins really
 * switched on.
 */
class SelfTestIT {
  private static final Path CAPTURE = Path.of("src/test/resources/gpsd/mt3339.log");

  @TempDir Path folder;
  private Process socat;
  private Thread feeder;

  @Test
  @Timeout(90)
  void everyFittedPartPassesAndTheReportIsKept() throws Exception {
    Path port = plugInReceiver();
    DeviceConfig config = config(port.toString(), "serial");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Path reportFile = folder.resolve("selftest.txt");
    int exit;
    try (VehicleIo io = VehicleIo.open(config.gpio(), Clock.systemUTC(), Path.of("/dev"))) {
      Gpio.MockPins pins = io.mockPins().orElseThrow();
      pins.drive(6, true); // the UPS reports good supply
      exit =
          SelfTestCommand.run(
              config,
              io,
              new SelfTest.Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(10)),
              new PlayedInstaller(pins),
              new PrintStream(printed, true, StandardCharsets.UTF_8),
              Optional.of(reportFile));
    }
    String report = printed.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, report);
    for (String part : List.of("gnss", "imu", "button", "ignition", "power", "buzzer", "led")) {
      assertTrue(report.matches("(?s).*\\nPASS +" + part + " .*"), part + " passed:\n" + report);
    }
    assertTrue(report.contains("sentences, fix after"), report);
    assertTrue(report.contains("one g at rest"), report);
    assertTrue(report.contains("44.0"), "the capture's latitude (Bend, Oregon):\n" + report);
    assertTrue(report.contains("result:  PASS"), report);
    assertTrue(Files.readString(reportFile).contains("device:  selftest-box"));
  }

  @Test
  @Timeout(60)
  void anUnpressedButtonFailsTheCommandWithExitOne() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        DeviceMain.run(
            new String[] {
              "selftest",
              "--button-timeout-s",
              "1",
              "device.id=selftest-box",
              "vehicle.id=VEH-SELFTEST",
              "gpio.provider=mock",
              "button.source=gpio"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String report = out.toString(StandardCharsets.UTF_8);
    assertEquals(1, exit, report + err.toString(StandardCharsets.UTF_8));
    assertTrue(report.contains("FAIL       button     no press within 1 s"), report);
    assertTrue(report.contains("NOT_FITTED gnss"), report);
    assertTrue(report.contains("result:  FAIL"), report);
  }

  private DeviceConfig config(String port, String gnss) {
    Map<String, String> settings = new HashMap<>();
    settings.put("device.id", "selftest-box");
    settings.put("vehicle.id", "VEH-SELFTEST");
    settings.put("gnss.source", gnss);
    settings.put("gnss.serial.port", port);
    settings.put("gnss.serial.baud", "9600");
    settings.put("gpio.provider", "mock");
    settings.put("button.source", "gpio");
    settings.put("ignition.source", "gpio");
    settings.put("power.source", "gpio");
    settings.put("indicators.source", "gpio");
    // The IMU part is a real sensor's recording, replayed from where the car stood still.
    settings.put("imu.source", "replay");
    settings.put("imu.replay.file", "src/test/resources/genivi/20160209_RPi_GENIVI_Regensburg.log");
    return DeviceConfig.from(Settings.of(settings, "test"));
  }

  /** The person at the terminal, with a finger on the button and eyes on the LED. */
  private static final class PlayedInstaller implements Installer {
    private final Gpio.MockPins pins;
    private final AtomicBoolean buzzed = new AtomicBoolean();
    private final AtomicBoolean lit = new AtomicBoolean();
    private final List<String> heard = new CopyOnWriteArrayList<>();

    PlayedInstaller(Gpio.MockPins pins) {
      this.pins = pins;
      pins.watchOutput(23, high -> buzzed.compareAndSet(false, high));
      pins.watchOutput(24, high -> lit.compareAndSet(false, high));
    }

    @Override
    public void say(String line) {
      heard.add(line);
      if (line.startsWith("BUTTON:")) {
        Thread finger =
            new Thread(
                () -> {
                  try {
                    Thread.sleep(300);
                    pins.drive(17, false);
                    Thread.sleep(150);
                    pins.drive(17, true);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
        finger.start();
      }
    }

    @Override
    public boolean confirm(String question) {
      if (question.startsWith("IGNITION:")) {
        return question.contains("reads OFF"); // the key is off on the bench
      }
      if (question.contains("buzzer")) {
        return buzzed.get();
      }
      return question.contains("LED") && lit.get();
    }
  }

  /** A socat pseudo-terminal pair with a real receiver's capture written into it at 9600 baud. */
  private Path plugInReceiver() throws Exception {
    Path port = folder.resolve("gnss");
    Path feed = folder.resolve("feed");
    socat =
        new ProcessBuilder("socat", "pty,raw,echo=0,link=" + port, "pty,raw,echo=0,link=" + feed)
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("socat.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!(Files.exists(port) && Files.exists(feed)) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(Files.exists(port), "socat made the pseudo-terminals (is socat installed?)");
    byte[] capture =
        String.join(
                "\r\n",
                Files.readAllLines(CAPTURE, StandardCharsets.ISO_8859_1).stream()
                    .filter(line -> !line.startsWith("#"))
                    .toList())
            .getBytes(StandardCharsets.ISO_8859_1);
    feeder = new Thread(() -> feed(feed, capture), "receiver");
    feeder.setDaemon(true);
    feeder.start();
    return port;
  }

  /** 10 bits per byte at 9600 baud: 48 bytes every 50 ms, looping the capture. */
  private static void feed(Path feed, byte[] capture) {
    try (OutputStream out = Files.newOutputStream(feed)) {
      while (!Thread.currentThread().isInterrupted()) {
        for (int i = 0; i < capture.length; i += 48) {
          out.write(capture, i, Math.min(48, capture.length - i));
          out.flush();
          Thread.sleep(50);
        }
      }
    } catch (Exception e) {
      // the pseudo-terminal closed at the end of the test
    }
  }

  @AfterEach
  void unplug() {
    if (feeder != null) {
      feeder.interrupt();
    }
    if (socat != null) {
      socat.destroyForcibly();
    }
  }
}
