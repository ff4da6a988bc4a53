package dev.vigil.device.button;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.tinylog.Logger;

/**
 * A panic button pressed by another program: every line read from {@code input} (the agent's
 * standard input) is one press. The crash harness ({@code scripts/chaos-kill}) presses it at random
 * moments; it is a fake, never a vehicle's button.
 */
public final class StdinPanicButton implements PanicButton {
  private final FakePanicButton button;
  private final InputStream input;
  private final Thread reader;

  public StdinPanicButton(InputStream input, Clock clock) {
    this.button = new FakePanicButton(clock);
    this.input = input;
    this.reader = new Thread(this::read, "stdin-panic-button");
    reader.setDaemon(true);
  }

  @Override
  public void start(ButtonListener listener) {
    button.start(listener);
    reader.start();
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
      while (lines.readLine() != null) {
        button.press();
      }
    } catch (IOException e) {
      Logger.warn("standard-input panic button stopped: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    button.close();
  }
}
