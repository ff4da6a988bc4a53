package dev.vigil.device.indicator;

import dev.vigil.device.gpio.Gpio;
import java.util.Optional;

/** The buzzer and LED on GPIO outputs (either may be absent); plays each cue on both at once. */
public final class GpioCues implements CueOutput, AutoCloseable {
  private final Optional<PatternPlayer> buzzer;
  private final Optional<PatternPlayer> led;

  /** {@code buzzer} and {@code led} switch on with {@code set(true)}, whatever their wiring. */
  public GpioCues(Optional<Gpio.DigitalOut> buzzer, Optional<Gpio.DigitalOut> led) {
    this.buzzer = buzzer.map(out -> new PatternPlayer("buzzer", out));
    this.led = led.map(out -> new PatternPlayer("led", out));
  }

  @Override
  public void play(Cue cue) {
    buzzer.ifPresent(player -> player.play(cue.buzzer()));
    led.ifPresent(player -> player.play(cue.led()));
  }

  @Override
  public void close() {
    buzzer.ifPresent(PatternPlayer::close);
    led.ifPresent(PatternPlayer::close);
  }
}
