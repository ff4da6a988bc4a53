package dev.vigil.device.button;

/**
 * The panic button, whatever wires it: a GPIO input on the box, or a fake that tests press. {@link
 * #start} returns at once; presses arrive on the implementation's own thread.
 */
public interface PanicButton extends AutoCloseable {
  void start(ButtonListener listener);

  @Override
  void close();
}
