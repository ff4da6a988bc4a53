package dev.vigil.device.gpio;

import java.util.Optional;

/**
 * The box's GPIO header as the agent sees it. Pins are BCM numbers (the SoC's GPIO numbers, as in
 * {@code pinout} and {@code gpioinfo}), never physical header positions. Only {@link Pi4jGpio}
 * implements it.
 */
public interface Gpio extends AutoCloseable {
  /** Claims {@code bcm} as an input; fails loudly when the pin cannot be claimed. */
  DigitalIn input(String name, int bcm, Pull pull);

  /** Claims {@code bcm} as an output, driven low (off) at first and again at close. */
  DigitalOut output(String name, int bcm);

  /** The simulated pins when the provider is the mock; empty on real hardware. */
  Optional<MockPins> mock();

  @Override
  void close();

  /** The pin's internal bias resistor. */
  enum Pull {
    UP,
    DOWN,
    OFF
  }

  /** One input pin. Listeners are called on the GPIO library's thread and must not block. */
  interface DigitalIn {
    boolean high();

    void listen(LevelListener listener);
  }

  /** Receives every raw level change of an input, bounces included. */
  interface LevelListener {
    void onLevel(boolean high);
  }

  /** One output pin. */
  interface DigitalOut {
    void set(boolean high);

    boolean high();
  }

  /**
   * Drives simulated inputs the way a wire would: each change fires the same Pi4J state-change
   * event a real edge fires. Inputs start at the level their pull resistor gives them.
   */
  interface MockPins {
    void drive(int bcm, boolean high);

    /** The level the agent last set on an output pin. */
    boolean output(int bcm);

    /** Called on every level the agent sets on an output pin. */
    void watchOutput(int bcm, LevelListener listener);
  }
}
