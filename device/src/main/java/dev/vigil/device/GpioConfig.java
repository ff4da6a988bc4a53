package dev.vigil.device;

import dev.vigil.device.gpio.Gpio;
import dev.vigil.device.gpio.InputPin;
import dev.vigil.device.gpio.OutputPin;
import dev.vigil.device.gpio.Pi4jGpio;
import dev.vigil.protocol.settings.Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The GPIO part of {@link DeviceConfig}: which provider drives the pins and how each input and
 * output is wired. A feature whose source is not {@code gpio} is empty here and claims no pin.
 *
 * @param stuckAfterMs a panic button held this long is reported as a fault
 */
public record GpioConfig(
    Pi4jGpio.Provider provider,
    Optional<InputPin> button,
    Optional<InputPin> buttonSense,
    long stuckAfterMs,
    Optional<InputPin> ignition,
    Optional<InputPin> powerGood,
    Optional<OutputPin> buzzer,
    Optional<OutputPin> led) {

  /** Where an input or the buzzer/LED pair comes from. */
  public enum Source {
    NONE,
    GPIO
  }

  /** The wiring level that means "active". */
  private enum Level {
    LOW,
    HIGH
  }

  /** BCM 14 and 15 are the UART TX/RX the GNSS receiver uses on /dev/serial0. */
  private static final Set<Integer> UART_PINS = Set.of(14, 15);

  /** Whether any feature uses the GPIO header. */
  public boolean used() {
    return Stream.of(button, buttonSense, ignition, powerGood, buzzer, led)
        .anyMatch(Optional::isPresent);
  }

  static GpioConfig from(Settings s, boolean buttonOnGpio, boolean uartInUse) {
    Pi4jGpio.Provider provider =
        s.choice("gpio.provider", Pi4jGpio.Provider.class, Pi4jGpio.Provider.GPIOD);
    InputPin button = input(s, "button", 17, Level.LOW, Gpio.Pull.UP, 10);
    Optional<InputPin> sense = sense(s, button, buttonOnGpio);
    long stuckAfterMs = s.longValue("button.stuck-after-s", 30, 5, 3_600) * 1_000;
    InputPin ignition = input(s, "ignition", 27, Level.LOW, Gpio.Pull.UP, 1_000);
    InputPin power = input(s, "power", 6, Level.HIGH, Gpio.Pull.DOWN, 200);
    boolean indicators = s.choice("indicators.source", Source.class, Source.NONE) == Source.GPIO;
    Optional<OutputPin> buzzer = output(s, "buzzer", 23, indicators);
    Optional<OutputPin> led = output(s, "led", 24, indicators);
    GpioConfig config =
        new GpioConfig(
            provider,
            Optional.of(button).filter(b -> buttonOnGpio),
            sense,
            stuckAfterMs,
            Optional.of(ignition).filter(i -> source(s, "ignition")),
            Optional.of(power).filter(p -> source(s, "power")),
            buzzer,
            led);
    config.checkPins(s, uartInUse);
    return config;
  }

  /**
   * The button's normally-closed contact, when wired (pin 0: not wired). Same pull and debounce as
   * the NO contact; it reads "pressed" at the opposite level, because it opens when NO closes.
   */
  private static Optional<InputPin> sense(Settings s, InputPin button, boolean buttonOnGpio) {
    int bcm = s.integer("button.sense-pin", 0, 0, InputPin.MAX_BCM);
    if (bcm != 0 && bcm < InputPin.MIN_BCM) {
      throw s.bad("button.sense-pin", Integer.toString(bcm), "BCM 1 is reserved (HAT EEPROM)");
    }
    return bcm == 0 || !buttonOnGpio
        ? Optional.empty()
        : Optional.of(
            new InputPin(
                "button-sense", bcm, !button.activeHigh(), button.pull(), button.debounceMs()));
  }

  private static boolean source(Settings s, String feature) {
    return s.choice(feature + ".source", Source.class, Source.NONE) == Source.GPIO;
  }

  private static InputPin input(
      Settings s, String name, int pin, Level active, Gpio.Pull pull, long debounceMs) {
    return new InputPin(
        name,
        s.integer(name + ".pin", pin, InputPin.MIN_BCM, InputPin.MAX_BCM),
        s.choice(name + ".active", Level.class, active) == Level.HIGH,
        s.choice(name + ".pull", Gpio.Pull.class, pull),
        s.longValue(name + ".debounce-ms", debounceMs, 1, 10_000));
  }

  /** Pin 0 means "not fitted". */
  private static Optional<OutputPin> output(Settings s, String name, int pin, boolean enabled) {
    int bcm = s.integer(name + ".pin", pin, 0, InputPin.MAX_BCM);
    boolean activeHigh = s.choice(name + ".active", Level.class, Level.HIGH) == Level.HIGH;
    if (bcm != 0 && bcm < InputPin.MIN_BCM) {
      throw s.bad(name + ".pin", Integer.toString(bcm), "BCM 1 is reserved (HAT EEPROM)");
    }
    return enabled && bcm != 0
        ? Optional.of(new OutputPin(name, bcm, activeHigh))
        : Optional.empty();
  }

  /** Each pin used once, and never the GNSS UART's. */
  private void checkPins(Settings s, boolean uartInUse) {
    Map<Integer, String> claimed = new HashMap<>();
    List<Map.Entry<String, Integer>> pins =
        Stream.concat(
                Stream.of(button, buttonSense, ignition, powerGood)
                    .flatMap(Optional::stream)
                    .map(p -> Map.entry(key(p.name()), p.bcm())),
                Stream.of(buzzer, led)
                    .flatMap(Optional::stream)
                    .map(p -> Map.entry(key(p.name()), p.bcm())))
            .toList();
    for (Map.Entry<String, Integer> pin : pins) {
      String value = Integer.toString(pin.getValue());
      if (uartInUse && UART_PINS.contains(pin.getValue())) {
        throw s.bad(pin.getKey(), value, "is the GNSS UART (BCM 14/15 on /dev/serial0)");
      }
      String other = claimed.putIfAbsent(pin.getValue(), pin.getKey());
      if (other != null) {
        throw s.bad(pin.getKey(), value, "is already " + other);
      }
    }
  }

  /** The setting that names a pin's number. */
  private static String key(String pinName) {
    return pinName.equals("button-sense") ? "button.sense-pin" : pinName + ".pin";
  }
}
