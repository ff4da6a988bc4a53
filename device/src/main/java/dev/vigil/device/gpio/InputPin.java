package dev.vigil.device.gpio;

/**
 * How one input is wired: its BCM pin, which level means "active" (pressed, ignition on, power
 * good), its bias resistor, and how long a new level must hold before it counts.
 */
public record InputPin(String name, int bcm, boolean activeHigh, Gpio.Pull pull, long debounceMs) {
  /** BCM 0 and 1 are reserved for the HAT ID EEPROM; 27 is the highest header GPIO. */
  public static final int MIN_BCM = 2;

  public static final int MAX_BCM = 27;
}
