package dev.vigil.device.button;

import java.time.Clock;

/** A panic button that tests and the demo press in code. */
public final class FakePanicButton implements PanicButton {
  private final Clock clock;
  private volatile ButtonListener listener;

  public FakePanicButton(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void start(ButtonListener listener) {
    this.listener = listener;
  }

  /** Presses the button as a person would; ignored until {@link #start}. */
  public void press() {
    ButtonListener current = listener;
    if (current != null) {
      current.onPress(clock.instant());
    }
  }

  @Override
  public void close() {
    listener = null;
  }
}
