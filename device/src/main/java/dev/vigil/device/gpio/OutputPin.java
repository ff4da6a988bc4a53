package dev.vigil.device.gpio;

/** How one output is wired: its BCM pin and which level switches the buzzer or LED on. */
public record OutputPin(String name, int bcm, boolean activeHigh) {

  /** Claims the pin and hides its polarity: {@code set(true)} always means "on". */
  public Gpio.DigitalOut open(Gpio gpio) {
    Gpio.DigitalOut pin = gpio.output(name, bcm);
    Gpio.DigitalOut on =
        new Gpio.DigitalOut() {
          @Override
          public void set(boolean high) {
            pin.set(high == activeHigh);
          }

          @Override
          public boolean high() {
            return pin.high() == activeHigh;
          }
        };
    on.set(false);
    return on;
  }
}
