package dev.vigil.device.gps;

/** Receives what a {@link GnssSource} observes. Called from the source's thread; must not block. */
public interface GnssListener {
  void onFix(GnssFix fix);

  /** The receiver stopped delivering (unplugged, port error, end of a recording). */
  default void onLost(String reason) {}

  /** Sentences flow again after {@link #onLost}. */
  default void onRecovered() {}
}
