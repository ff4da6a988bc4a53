package dev.vigil.device.gps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.tinylog.Logger;

/**
 * Fixes from a gpsd daemon over TCP (default port 2947), for boxes where gpsd already owns the
 * receiver. It sends {@code ?WATCH={"enable":true,"json":true}} and reads one JSON report a line
 * ({@link GpsdReports}). A refused or dropped connection is reported as lost and retried with
 * backoff (1 s doubling to 30 s); the first fix after that reports recovery. gpsd's own silence
 * (receiver unplugged) shows as a read timeout after 10 s.
 */
public final class GpsdGnssSource implements GnssSource {
  static final String WATCH = "?WATCH={\"enable\":true,\"json\":true};\n";
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final String host;
  private final int port;
  private volatile boolean running;
  private volatile Socket socket;
  private Thread thread;

  public GpsdGnssSource(String host, int port) {
    this.host = host;
    this.port = port;
  }

  @Override
  public void start(GnssListener listener) {
    running = true;
    thread = new Thread(() -> run(listener), "gnss-gpsd");
    thread.setDaemon(true);
    thread.start();
  }

  private void run(GnssListener listener) {
    GpsdReports reports = new GpsdReports();
    Duration backoff = Duration.ofSeconds(1);
    boolean lost = false;
    while (running) {
      try {
        lost = session(reports, listener, lost);
        backoff = Duration.ofSeconds(1);
      } catch (IOException e) {
        if (!running) {
          return;
        }
        if (!lost) {
          lost = true;
          listener.onLost("gpsd at " + host + ":" + port + ": " + e.getMessage());
        }
      }
      if (!sleep(backoff)) {
        return;
      }
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
    }
  }

  /** One connection, until it ends; returns whether the source is still in the lost state. */
  private boolean session(GpsdReports reports, GnssListener listener, boolean lost)
      throws IOException {
    try (Socket s = new Socket()) {
      socket = s;
      s.connect(new InetSocketAddress(host, port), 5_000);
      s.setSoTimeout((int) READ_TIMEOUT.toMillis());
      OutputStream out = s.getOutputStream();
      out.write(WATCH.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null && running; line = in.readLine()) {
        var fix = reports.feed(line);
        if (fix.isPresent()) {
          if (lost) {
            lost = false;
            listener.onRecovered();
          }
          listener.onFix(fix.get());
        }
      }
      throw new IOException("gpsd closed the connection");
    }
  }

  private boolean sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
      return running;
    } catch (InterruptedException e) {
      return false;
    }
  }

  @Override
  public void close() {
    running = false;
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        Logger.debug("closing gpsd socket: {}", e.getMessage());
      }
    }
    if (thread != null) {
      thread.interrupt();
    }
  }
}
