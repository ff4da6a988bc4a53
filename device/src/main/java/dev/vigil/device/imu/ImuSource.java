package dev.vigil.device.imu;

/**
 * Where IMU samples come from: a chip on I2C ({@link Pi4jImu}) or a replayed recording ({@link
 * ReplayImuSource}). {@link #start} returns at once; samples arrive on the source's own thread.
 */
public interface ImuSource extends AutoCloseable {
  void start(ImuListener listener);

  @Override
  void close();
}
