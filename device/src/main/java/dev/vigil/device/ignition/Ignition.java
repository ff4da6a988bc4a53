package dev.vigil.device.ignition;

/**
 * The vehicle's ignition (ACC) as the agent sees it: for trips, driving time and fatigue, and the
 * Health report. Listeners added before or after {@link #start} all hear every later change.
 */
public interface Ignition extends AutoCloseable {
  /** Reads the line as it is now; changes arrive on the implementation's thread afterwards. */
  void start();

  /** The debounced state now; false before {@link #start} and when no sense line is wired. */
  boolean on();

  void listen(IgnitionListener listener);

  /** Whether a sense line is wired at all (with {@code ignition.source=none} it is not). */
  boolean sensed();

  @Override
  void close();

  /** No ignition sense wired: always off, never changes. */
  static Ignition none() {
    return new Ignition() {
      @Override
      public void start() {}

      @Override
      public boolean on() {
        return false;
      }

      @Override
      public void listen(IgnitionListener listener) {}

      @Override
      public boolean sensed() {
        return false;
      }

      @Override
      public void close() {}
    };
  }
}
