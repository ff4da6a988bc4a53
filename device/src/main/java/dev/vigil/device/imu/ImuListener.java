package dev.vigil.device.imu;

/** Receives what an {@link ImuSource} measures. Called from the source's thread; must not block. */
public interface ImuListener {
  void onSample(ImuSample sample);

  /** The sensor stopped delivering (I2C error, end of a recording). */
  default void onLost(String reason) {}
}
