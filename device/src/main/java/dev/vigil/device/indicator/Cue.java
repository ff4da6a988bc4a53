package dev.vigil.device.indicator;

/**
 * What the box tells the driver with its buzzer and LED. A panic is deliberately silent: a driver
 * under threat must not have the box announce the alarm to the attacker, so the alarm and the
 * control room's acknowledgement show only on the LED, which the installer fits where the driver,
 * not the passenger, can see it.
 */
public enum Cue {
  /** Harsh driving, speeding, fatigue: three short beeps and flashes. */
  WARNING(Pattern.pulses(3, 150, 100), Pattern.pulses(3, 150, 100)),
  /** The panic alarm is on its way: the LED blinks slowly for ten seconds, no sound. */
  ALARM_RAISED(Pattern.SILENT, Pattern.pulses(10, 100, 900)),
  /** The control room has the alarm and is acting: the LED stays on for five seconds. */
  HELP_ACKNOWLEDGED(Pattern.SILENT, Pattern.pulses(1, 5_000, 1)),
  /** The installer's self-test of the buzzer alone: two long beeps. */
  SELFTEST_BUZZER(Pattern.pulses(2, 300, 300), Pattern.SILENT),
  /** The installer's self-test of the LED alone: three long flashes. */
  SELFTEST_LED(Pattern.SILENT, Pattern.pulses(3, 300, 300));

  private final Pattern buzzer;
  private final Pattern led;

  Cue(Pattern buzzer, Pattern led) {
    this.buzzer = buzzer;
    this.led = led;
  }

  public Pattern buzzer() {
    return buzzer;
  }

  public Pattern led() {
    return led;
  }
}
