package dev.vigil.device.safety.bench;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.Recordings;
import dev.vigil.device.safety.SafetyConfig;
import dev.vigil.device.safety.SafetyEngine;
import dev.vigil.device.safety.TripPlan;
import dev.vigil.device.safety.WarningOutput;
import dev.vigil.device.safety.detect.SpeedZone;
import dev.vigil.device.safety.detect.SpeedingDetector;
import dev.vigil.device.safety.geo.Polygon;
import dev.vigil.protocol.pb.LatLon;
import dev.vigil.protocol.pb.Trip;
import dev.vigil.protocol.pb.TripStop;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole safety pipeline per fix (every detector, the policy, the outputs), on a trip with a
 * 500-point planned route, two speed zones, stops and an ETA. {@code onRoute}: the Geko drive along
 * its own route (the usual case: the corridor check looks near the last match only); {@code
 * offRoute}: the Munich drive against the same route (every fix outside: a full scan of the 500
 * segments each time, the worst case). Fixes are replayed in a loop, each pass shifted in time, so
 * the fix object is made per call; {@code baseline} measures that alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SafetyEngineBench {
  @Param({"onRoute", "offRoute"})
  public String drive;

  private List<GnssFix> fixes;
  private long passMs;
  private SafetyEngine engine;
  private TripPlan trip;
  private int index;
  private long pass;
  private long operations;
  private long cpuStartNs;
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  @Setup(Level.Trial)
  public void load() {
    List<GnssFix> geko = Recordings.geko();
    fixes = drive.equals("onRoute") ? geko : Recordings.munich();
    passMs =
        Duration.between(fixes.get(0).fixTime(), fixes.get(fixes.size() - 1).fixTime()).toMillis()
            + 1_000;
    trip = TripPlan.from(trip(geko), 50, 100);
    if (trip.route().orElseThrow().segments() != 499) {
      throw new IllegalStateException("route is not 500 points");
    }
  }

  @Setup(Level.Iteration)
  public void start() {
    engine = new SafetyEngine(config(), WarningOutput.NONE, report -> {}, "bench");
    engine.startTrip(trip, fixes.get(0).fixTime());
    index = 0;
    pass = 0;
    operations = 0;
    cpuStartNs = CPU.getCurrentThreadCpuTime();
  }

  @org.openjdk.jmh.annotations.TearDown(Level.Iteration)
  public void cpuPerOperation() {
    long cpuNs = CPU.getCurrentThreadCpuTime() - cpuStartNs;
    // Benchmark output, not main code: JMH relays the forked JVM's standard output.
    System.out.printf(
        " [%s: %d ops, cpu %.0f ns/op]", drive, operations, (double) cpuNs / operations);
  }

  @Benchmark
  public GnssFix baseline() {
    return next();
  }

  @Benchmark
  public SafetyEngine allDetectorsPerFix() {
    engine.onFix(next());
    return engine;
  }

  private GnssFix next() {
    operations++;
    if (index == fixes.size()) {
      index = 0;
      pass++;
    }
    GnssFix f = fixes.get(index++);
    return Recordings.moved(f, Duration.ofMillis(pass * passMs), 0, 0);
  }

  private static SafetyConfig config() {
    SafetyConfig d = SafetyConfig.defaults(ZoneOffset.UTC);
    Polygon school =
        new Polygon(
            List.of(
                new double[] {49.02, 12.05},
                new double[] {49.02, 12.07},
                new double[] {49.03, 12.07},
                new double[] {49.03, 12.05}));
    Polygon centre =
        new Polygon(
            List.of(
                new double[] {48.13, 11.55},
                new double[] {48.13, 11.60},
                new double[] {48.16, 11.60},
                new double[] {48.16, 11.55}));
    SpeedingDetector.Thresholds speeding =
        new SpeedingDetector.Thresholds(
            50,
            5,
            3,
            Duration.ofSeconds(3),
            20,
            List.of(new SpeedZone("school", school, 30), new SpeedZone("centre", centre, 30)));
    return new SafetyConfig(
        d.stops(),
        speeding,
        d.harsh(),
        d.fatigue(),
        d.night(),
        d.route(),
        d.abnormalStop(),
        d.overdue(),
        d.tamper(),
        d.policy());
  }

  /** The Geko track resampled to exactly 500 route points, with a pick-up, drop-off and ETA. */
  private static Trip trip(List<GnssFix> geko) {
    Trip.Builder trip =
        Trip.newBuilder()
            .setTripId("BENCH")
            .setPassengerOnBoard(true)
            .setEtaMs(geko.get(0).fixTime().toEpochMilli() + 600_000);
    for (int i = 0; i < 500; i++) {
      GnssFix f = geko.get((int) ((long) i * (geko.size() - 1) / 499));
      trip.addRoute(LatLon.newBuilder().setLatDeg(f.latDeg()).setLonDeg(f.lonDeg()));
    }
    GnssFix end = geko.get(geko.size() - 1);
    trip.addStops(
        TripStop.newBuilder()
            .setName("pick-up")
            .setAt(
                LatLon.newBuilder()
                    .setLatDeg(geko.get(0).latDeg())
                    .setLonDeg(geko.get(0).lonDeg())));
    trip.setDestination(
        TripStop.newBuilder()
            .setName("drop-off")
            .setAt(LatLon.newBuilder().setLatDeg(end.latDeg()).setLonDeg(end.lonDeg())));
    return trip.build();
  }
}
