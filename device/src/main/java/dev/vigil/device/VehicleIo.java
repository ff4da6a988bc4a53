package dev.vigil.device;

import dev.vigil.device.button.GpioPanicButton;
import dev.vigil.device.button.PanicButton;
import dev.vigil.device.gpio.Gpio;
import dev.vigil.device.gpio.Pi4jGpio;
import dev.vigil.device.ignition.GpioIgnition;
import dev.vigil.device.ignition.Ignition;
import dev.vigil.device.indicator.CueOutput;
import dev.vigil.device.indicator.GpioCues;
import dev.vigil.device.power.PowerMonitor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * The parts wired to the GPIO header, opened from {@link GpioConfig}: each configured pin is
 * claimed here, so a missing or busy pin stops the agent at start. Nothing reports before its own
 * {@code start}. Closing releases them in reverse, the GPIO chip last.
 */
public final class VehicleIo implements AutoCloseable {
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  private Optional<Gpio> gpio = Optional.empty();
  private Optional<PanicButton> button = Optional.empty();
  private Ignition ignition = Ignition.none();
  private Optional<PowerMonitor> power = Optional.empty();
  private CueOutput cues = CueOutput.NONE;

  private VehicleIo() {}

  /** Opens what {@code config} names; {@code dev} is where GPIO chips live ({@code /dev}). */
  public static VehicleIo open(GpioConfig config, Clock clock, Path dev) {
    VehicleIo io = new VehicleIo();
    try {
      io.openAll(config, clock, dev);
      return io;
    } catch (RuntimeException e) {
      io.close();
      throw e;
    }
  }

  private void openAll(GpioConfig config, Clock clock, Path dev) {
    if (!config.used()) {
      return;
    }
    Gpio pins = keep(Pi4jGpio.open(config.provider(), dev));
    gpio = Optional.of(pins);
    button =
        config
            .button()
            .map(
                pin ->
                    keep(
                        new GpioPanicButton(
                            pins, pin, config.buttonSense(), config.stuckAfterMs(), clock)));
    config.ignition().ifPresent(pin -> ignition = keep(new GpioIgnition(pins, pin, clock)));
    power = config.powerGood().map(pin -> keep(new PowerMonitor(pins, pin, clock)));
    if (config.buzzer().isPresent() || config.led().isPresent()) {
      cues =
          keep(
              new GpioCues(
                  config.buzzer().map(pin -> pin.open(pins)),
                  config.led().map(pin -> pin.open(pins))));
    }
    Logger.info("GPIO via {}: {}", config.provider(), config);
  }

  private <T extends AutoCloseable> T keep(T part) {
    opened.push(part);
    return part;
  }

  /** The panic button on GPIO, when {@code button.source=gpio}. */
  public Optional<PanicButton> button() {
    return button;
  }

  /** The ignition sense; {@link Ignition#none()} when none is wired. */
  public Ignition ignition() {
    return ignition;
  }

  public Optional<PowerMonitor> power() {
    return power;
  }

  /** The buzzer and LED; {@link CueOutput#NONE} when neither is fitted. */
  public CueOutput cues() {
    return cues;
  }

  /** The simulated pins, with {@code gpio.provider=mock}. */
  public Optional<Gpio.MockPins> mockPins() {
    return gpio.flatMap(Gpio::mock);
  }

  @Override
  public void close() {
    while (!opened.isEmpty()) {
      AutoCloseable part = opened.pop();
      try {
        part.close();
      } catch (Exception e) {
        Logger.warn("closing {}: {}", part.getClass().getSimpleName(), e.getMessage());
      }
    }
  }
}
