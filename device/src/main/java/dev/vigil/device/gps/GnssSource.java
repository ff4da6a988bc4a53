package dev.vigil.device.gps;

/**
 * Where fixes come from: a serial receiver, gpsd, or a replayed recording. {@link #start} returns
 * at once; fixes and status changes arrive on the source's own thread.
 */
public interface GnssSource extends AutoCloseable {
  void start(GnssListener listener);

  @Override
  void close();
}
