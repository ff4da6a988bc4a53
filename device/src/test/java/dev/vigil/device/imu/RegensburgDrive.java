package dev.vigil.device.imu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** The real Regensburg drive (test resource) and helpers to run a calibrator over it. */
final class RegensburgDrive {
  static final Path FILE = resource("genivi/20160209_RPi_GENIVI_Regensburg.log");
  private static GeniviLog.Recording recording;

  private RegensburgDrive() {}

  static synchronized GeniviLog.Recording recording() {
    if (recording == null) {
      try {
        recording = GeniviLog.read(FILE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return recording;
  }

  static Path resource(String name) {
    try {
      return Path.of(RegensburgDrive.class.getClassLoader().getResource(name).toURI());
    } catch (Exception e) {
      throw new IllegalStateException("missing test resource " + name, e);
    }
  }

  /** Feeds every fix and sample in time order (fixes first at equal times); returns the outputs. */
  static List<VehicleAcceleration> run(
      MountingCalibrator calibrator, UnaryOperator<ImuSample> transform) {
    List<ImuSample> samples = recording().samples();
    List<GeniviLog.SpeedFix> speeds = recording().speeds();
    List<VehicleAcceleration> out = new ArrayList<>(samples.size());
    int next = 0;
    for (ImuSample sample : samples) {
      while (next < speeds.size() && !speeds.get(next).time().isAfter(sample.time())) {
        GeniviLog.SpeedFix fix = speeds.get(next++);
        calibrator.onSpeed(fix.time(), fix.speedMps());
      }
      out.add(calibrator.onSample(transform.apply(sample)));
    }
    return out;
  }

  /** Mean of the outputs' longitudinal (or lateral) acceleration in [from, to). */
  static double mean(List<VehicleAcceleration> out, Instant from, Instant to, boolean lateral) {
    double sum = 0;
    int n = 0;
    for (VehicleAcceleration a : out) {
      if (!a.time().isBefore(from) && a.time().isBefore(to)) {
        sum += lateral ? a.lateralMps2() : a.longitudinalMps2();
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  static double correlation(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i] / n;
      my += y[i] / n;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
