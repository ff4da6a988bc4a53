package dev.vigil.device.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.protocol.pb.Alarm;
import dev.vigil.protocol.pb.AlarmType;
import dev.vigil.protocol.pb.Event;
import dev.vigil.protocol.pb.LatLon;
import dev.vigil.protocol.pb.Trip;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The whole pipeline on the Munich drive with a trip on board, as the agent runs it. */
@Timeout(30)
class SafetyEngineTest {
  private final List<DriverWarning> warnings = new ArrayList<>();
  private final List<Report> reports = new ArrayList<>();

  private SafetyEngine engine(SafetyConfig config) {
    return new SafetyEngine(config, warnings::add, reports::add, "boot1");
  }

  /** Fixes with a tick every second, as the agent's scheduler gives them. */
  private static void drive(SafetyEngine engine, List<GnssFix> fixes) {
    Instant clock = fixes.get(0).fixTime();
    for (GnssFix fix : fixes) {
      while (clock.isBefore(fix.fixTime())) {
        engine.onTick(clock);
        clock = clock.plusSeconds(1);
      }
      engine.onFix(fix);
    }
  }

  private static Trip trip(List<GnssFix> fixes) {
    Trip.Builder trip =
        Trip.newBuilder()
            .setTripId("T-77")
            .setPassengerOnBoard(true)
            .setEtaMs(fixes.get(0).fixTime().plus(Duration.ofMinutes(10)).toEpochMilli());
    // The planned route: the first 15 minutes of the drive only; the rest is a deviation.
    for (double[] p : Simplify.douglasPeucker(Recordings.points(fixes.subList(0, 900)), 10)) {
      trip.addRoute(LatLon.newBuilder().setLatDeg(p[0]).setLonDeg(p[1]));
    }
    return trip.build();
  }

  @Test
  void aTripGoingWrongReachesTheControlRoomWithItsTripId() {
    List<GnssFix> munich = Recordings.munich();
    SafetyConfig config = SafetyConfig.defaults(ZoneId.of("Europe/Berlin"));
    SafetyEngine engine = engine(config);
    engine.startTrip(TripPlan.from(trip(munich), 50, 100), munich.get(0).fixTime());
    drive(engine, munich);
    Set<Hazard> alarms = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (Report r : reports) {
      assertEquals("T-77", r.tripId());
      assertTrue(ids.add(r.id()), "duplicate id " + r.id());
      assertTrue(r.position().isPresent());
      if (r.kind() == Report.Kind.ALARM) {
        alarms.add(r.hazard());
        Alarm wire = SafetyReports.alarm(r);
        assertEquals(r.hazard().alarmType().get(), wire.getType());
        assertEquals("T-77", wire.getTripId());
      } else {
        Event wire = SafetyReports.event(r);
        assertEquals(r.hazard().name(), wire.getType());
      }
    }
    System.out.printf(
        "engine munich with trip: %d warnings, %d reports %s%n",
        warnings.size(), reports.size(), engine.findings());
    assertTrue(alarms.contains(Hazard.ROUTE_DEVIATION), reports.toString());
    assertTrue(alarms.contains(Hazard.TRIP_OVERDUE), reports.toString());
    assertFalse(alarms.contains(Hazard.TAMPER));
    assertEquals(AlarmType.ROUTE_DEVIATION, Hazard.ROUTE_DEVIATION.alarmType().get());
  }

  @Test
  void warningsAreNeverCloserThanTheMinimumGap() {
    List<GnssFix> munich = Recordings.munich();
    SafetyConfig d = SafetyConfig.defaults(ZoneId.of("UTC"));
    SafetyConfig lowLimit =
        new SafetyConfig(
            d.stops(),
            new dev.vigil.device.safety.detect.SpeedingDetector.Thresholds(
                30, 5, 3, Duration.ofSeconds(3), 20, List.of()),
            d.harsh(),
            d.fatigue(),
            d.night(),
            d.route(),
            d.abnormalStop(),
            d.overdue(),
            d.tamper(),
            d.policy());
    SafetyEngine engine = engine(lowLimit);
    drive(engine, munich);
    assertTrue(warnings.size() > 5);
    for (int i = 1; i < warnings.size(); i++) {
      Duration gap = Duration.between(warnings.get(i - 1).at(), warnings.get(i).at());
      assertTrue(gap.compareTo(Duration.ofSeconds(10)) >= 0, "warnings " + gap + " apart");
    }
    System.out.printf(
        "engine munich at 30 km/h: %d warnings given, %d suppressed by rate limits%n",
        warnings.size(), engine.suppressedWarnings());
    assertTrue(engine.suppressedWarnings() > 0);
  }

  @Test
  void gnssGoneForFourMinutesWhileTheIgnitionIsOnIsATamperAlarm() {
    List<GnssFix> drive = new ArrayList<>(Recordings.munich());
    Instant from = Instant.parse("2009-04-01T12:50:00Z");
    drive.removeIf(f -> !f.fixTime().isBefore(from) && f.fixTime().isBefore(from.plusSeconds(240)));
    SafetyEngine engine = engine(SafetyConfig.defaults(ZoneId.of("UTC")));
    drive(engine, drive);
    assertEquals(
        1, reports.stream().filter(r -> r.hazard() == Hazard.TAMPER).count(), reports.toString());
    engine.onIgnition(false, Instant.parse("2009-04-01T13:12:00Z"));
    engine.onTick(Instant.parse("2009-04-01T13:30:00Z"));
    assertEquals(1, reports.stream().filter(r -> r.hazard() == Hazard.TAMPER).count());
  }
}
