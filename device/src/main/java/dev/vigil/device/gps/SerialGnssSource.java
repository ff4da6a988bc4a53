package dev.vigil.device.gps;

import jssc.SerialPort;
import jssc.SerialPortException;
import org.tinylog.Logger;

/**
 * A GNSS receiver on a serial port ({@code /dev/serial0}, {@code /dev/ttyACM0}, a udev link): the
 * only class that imports jssc. Bytes go through an {@link NmeaDecoder}; fixes and status changes
 * go to the listener on this source's own thread.
 *
 * <p>The port is opened with stale bytes purged. It is read until it fails (receiver unplugged,
 * port gone) or stays silent for {@code silenceMs}: either reports the receiver lost, and the port
 * is reopened with backoff (1 s doubling to 10 s) until bytes flow again, which reports it
 * recovered: no restart of the agent is needed. On a pseudo-terminal jssc's {@code setParams}
 * returns false although the speed is applied; that is logged as a warning, not treated as a
 * failure.
 */
public final class SerialGnssSource implements GnssSource {
  /** Port, speed and framing; {@code silenceMs} without a byte means the receiver is lost. */
  public record Settings(
      String port, int baud, int dataBits, int stopBits, int parity, long silenceMs) {
    public static Settings of(String port, int baud) {
      return new Settings(
          port, baud, SerialPort.DATABITS_8, SerialPort.STOPBITS_1, SerialPort.PARITY_NONE, 3_000);
    }
  }

  private final Settings settings;
  private final NmeaDecoder decoder = new NmeaDecoder();
  private volatile boolean running = true;
  private volatile Thread thread;

  public SerialGnssSource(Settings settings) {
    this.settings = settings;
  }

  @Override
  public void start(GnssListener listener) {
    thread = new Thread(() -> run(listener), "gnss-serial");
    thread.setDaemon(true);
    thread.start();
  }

  /** What the decoder has counted so far (rejected sentences by reason, fixes). */
  public synchronized NmeaDecoder.Counts counts() {
    return decoder.counts();
  }

  private void run(GnssListener listener) {
    boolean lost = false;
    long backoffMs = 1_000;
    while (running) {
      SerialPort port = new SerialPort(settings.port());
      try {
        open(port);
        if (readUntilSilentOrFailed(port, listener, lost)) {
          lost = false;
          backoffMs = 1_000;
        }
        if (running && !lost) {
          listener.onLost(
              "no data from " + settings.port() + " for " + settings.silenceMs() + " ms");
          lost = true;
        }
      } catch (SerialPortException e) {
        if (!lost) {
          listener.onLost(settings.port() + ": " + e.getExceptionType());
          lost = true;
        }
        Logger.debug("GNSS port {}: {}", settings.port(), e.getMessage());
      } finally {
        closeQuietly(port);
      }
      sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, 10_000);
    }
  }

  private void open(SerialPort port) throws SerialPortException {
    port.openPort();
    boolean applied =
        port.setParams(
            settings.baud(), settings.dataBits(), settings.stopBits(), settings.parity());
    if (!applied) {
      Logger.warn(
          "GNSS port {}: the driver did not confirm {} baud (normal on a pseudo-terminal)",
          settings.port(),
          settings.baud());
    }
    port.purgePort(SerialPort.PURGE_RXCLEAR | SerialPort.PURGE_TXCLEAR);
    Logger.info("GNSS port {} open at {} baud", settings.port(), settings.baud());
  }

  /**
   * Reads until the port fails or stays silent; returns whether any byte arrived. Reports recovery
   * at the first byte after a loss.
   */
  private boolean readUntilSilentOrFailed(SerialPort port, GnssListener listener, boolean lost)
      throws SerialPortException {
    boolean received = false;
    long lastByteNanos = System.nanoTime();
    while (running) {
      byte[] bytes = port.readBytes();
      if (bytes == null || bytes.length == 0) {
        if (System.nanoTime() - lastByteNanos > settings.silenceMs() * 1_000_000) {
          return received;
        }
        sleep(20);
        continue;
      }
      lastByteNanos = System.nanoTime();
      if (!received && lost) {
        listener.onRecovered();
      }
      received = true;
      for (GnssFix fix : decode(bytes)) {
        listener.onFix(fix);
      }
    }
    return received;
  }

  private synchronized java.util.List<GnssFix> decode(byte[] bytes) {
    return decoder.feed(bytes, 0, bytes.length);
  }

  private static void closeQuietly(SerialPort port) {
    try {
      if (port.isOpened()) {
        port.closePort();
      }
    } catch (SerialPortException e) {
      Logger.debug("closing GNSS port: {}", e.getMessage());
    }
  }

  private void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      running = false;
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    Thread current = thread;
    if (current != null) {
      current.interrupt();
    }
  }
}
