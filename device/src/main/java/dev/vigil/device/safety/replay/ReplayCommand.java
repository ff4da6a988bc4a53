package dev.vigil.device.safety.replay;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.gps.ReplayGnssSource;
import dev.vigil.device.safety.Hazard;
import dev.vigil.device.safety.SafetyConfig;
import dev.vigil.device.safety.SafetyEngine;
import dev.vigil.device.safety.SafetySettings;
import dev.vigil.device.safety.TripPlan;
import dev.vigil.device.safety.VehicleAcceleration;
import dev.vigil.protocol.pb.Trip;
import dev.vigil.protocol.settings.Arguments;
import dev.vigil.protocol.settings.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code vigil-device replay --nmea FILE [--imu FILE] [--trip FILE] [safety.KEY=VALUE ...]}: runs
 * the real safety engine over a recording at full speed and prints one JSON line per warning, event
 * and alarm ({@link ReplayJson}), then a summary on standard error.
 *
 * <p>Fixes come from the NMEA file; without {@code --nmea}, from the {@code $GVGNSPOS} lines of the
 * {@code --imu} GENIVI log. Fixes and IMU samples are merged by time, and a tick is given for every
 * whole second of recording time in between, as the agent's clock would. The ignition is taken as
 * on throughout. Thresholds are the defaults unless {@code safety.*} overrides are given.
 */
public final class ReplayCommand {
  private static final Duration MAX_TICKED_GAP = Duration.ofHours(1);

  private ReplayCommand() {}

  public static int run(Arguments arguments, PrintStream out, PrintStream err) throws IOException {
    Optional<Path> nmea = arguments.path("--nmea");
    Optional<Path> imu = arguments.path("--imu");
    if (nmea.isEmpty() && imu.isEmpty()) {
      throw new Arguments.UsageException(
          "replay needs --nmea FILE (or a GENIVI log as --imu FILE)");
    }
    Settings settings = Settings.of(arguments.overrides(), "replay arguments");
    SafetyConfig config = SafetySettings.from(settings);
    if (!settings.unknownKeys().isEmpty()) {
      throw settings.bad(settings.unknownKeys().iterator().next(), null, "is not a safety setting");
    }
    Optional<GeniviDrive.Recording> genivi =
        imu.isPresent() ? Optional.of(GeniviDrive.read(imu.get())) : Optional.empty();
    List<GnssFix> fixes =
        nmea.isPresent()
            ? ReplayGnssSource.decode(nmea.get())
            : genivi.map(GeniviDrive.Recording::fixes).orElse(List.of());
    List<VehicleAcceleration> samples =
        genivi.map(GeniviDrive.Recording::samples).orElse(List.of());
    Optional<Trip> trip =
        arguments.path("--trip").isPresent()
            ? Optional.of(TripFiles.read(arguments.path("--trip").get()))
            : Optional.empty();
    Summary summary = replay(config, fixes, samples, trip, out);
    err.println(summary.text(fixes.size(), samples.size()));
    return 0;
  }

  /** Runs the engine over the inputs in time order; prints each output as it happens. */
  static Summary replay(
      SafetyConfig config,
      List<GnssFix> fixes,
      List<VehicleAcceleration> samples,
      Optional<Trip> trip,
      PrintStream out) {
    Summary summary = new Summary();
    SafetyEngine[] holder = new SafetyEngine[1];
    SafetyEngine engine =
        new SafetyEngine(
            config,
            w -> {
              summary.warnings++;
              out.println(ReplayJson.warning(w, holder[0].lastFix(), holder[0].tripId()));
            },
            r -> {
              summary.count(r.kind());
              out.println(ReplayJson.report(r));
            },
            "replay");
    holder[0] = engine;
    Instant first = firstTime(fixes, samples);
    if (trip.isPresent() && first != null) {
      TripPlan plan =
          TripPlan.from(
              trip.get(),
              config.route().defaultCorridorM(),
              config.abnormalStop().defaultPlaceRadiusM());
      engine.startTrip(plan, plan.startedAt().orElse(first));
    }
    feed(engine, fixes, samples);
    summary.findings = engine.findings();
    summary.suppressed = engine.suppressedWarnings();
    return summary;
  }

  private static void feed(
      SafetyEngine engine, List<GnssFix> fixes, List<VehicleAcceleration> samples) {
    int i = 0;
    int j = 0;
    Instant clock = null;
    while (i < fixes.size() || j < samples.size()) {
      boolean fixNext =
          j == samples.size()
              || (i < fixes.size() && !fixes.get(i).fixTime().isAfter(samples.get(j).at()));
      Instant t = fixNext ? fixes.get(i).fixTime() : samples.get(j).at();
      clock = tickUntil(engine, clock, t);
      if (fixNext) {
        engine.onFix(fixes.get(i++));
      } else {
        engine.onAcceleration(samples.get(j++));
      }
    }
    if (clock != null) {
      engine.onTick(clock.plusSeconds(1));
    }
  }

  /** Ticks every whole second after {@code clock} up to {@code t}; returns the new clock. */
  private static Instant tickUntil(SafetyEngine engine, Instant clock, Instant t) {
    if (clock == null || Duration.between(clock, t).compareTo(MAX_TICKED_GAP) > 0) {
      return t;
    }
    Instant next = clock.plusSeconds(1);
    while (!next.isAfter(t)) {
      engine.onTick(next);
      clock = next;
      next = next.plusSeconds(1);
    }
    return clock;
  }

  private static Instant firstTime(List<GnssFix> fixes, List<VehicleAcceleration> samples) {
    Instant a = fixes.isEmpty() ? null : fixes.get(0).fixTime();
    Instant b = samples.isEmpty() ? null : samples.get(0).at();
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return a.isBefore(b) ? a : b;
  }

  /** What a replay produced. */
  static final class Summary {
    long warnings;
    long events;
    long alarms;
    long suppressed;
    Map<Hazard, Long> findings = Map.of();

    private void count(dev.vigil.device.safety.Report.Kind kind) {
      if (kind == dev.vigil.device.safety.Report.Kind.ALARM) {
        alarms++;
      } else {
        events++;
      }
    }

    String text(int fixes, int samples) {
      return String.format(
          java.util.Locale.ROOT,
          "replay: %d fixes, %d imu samples; %d warnings (%d suppressed by rate limits),"
              + " %d events, %d alarms; findings %s",
          fixes,
          samples,
          warnings,
          suppressed,
          events,
          alarms,
          new TreeMap<>(findings));
    }
  }
}
