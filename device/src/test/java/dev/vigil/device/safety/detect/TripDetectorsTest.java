package dev.vigil.device.safety.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.Finding;
import dev.vigil.device.safety.Hazard;
import dev.vigil.device.safety.Recordings;
import dev.vigil.device.safety.TripPlan;
import dev.vigil.protocol.pb.LatLon;
import dev.vigil.protocol.pb.Trip;
import dev.vigil.protocol.pb.TripStop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Abnormal stops and overdue trips on the Munich drive (12:40:22–13:11:24 UTC). */
@Timeout(30)
class TripDetectorsTest {
  private static final List<GnssFix> MUNICH = Recordings.munich();
  private static final Instant START = MUNICH.get(0).fixTime();
  private static final GnssFix LAST = MUNICH.get(MUNICH.size() - 1);

  /** The drive's longest stop, 13:06:04–13:07:13 (69 s), at this place. */
  private static final double LONG_STOP_LAT = 48.17722;

  private static final double LONG_STOP_LON = 11.58529;

  private static List<Finding> abnormal(Trip trip, Duration maxStop) {
    TripPlan plan = TripPlan.from(trip, 50, 100);
    StopTracker stops = new StopTracker(StopTracker.Thresholds.defaults());
    AbnormalStopDetector detector =
        new AbnormalStopDetector(new AbnormalStopDetector.Thresholds(maxStop, 100));
    List<Finding> found = new ArrayList<>();
    for (GnssFix fix : MUNICH) {
      stops.onFix(fix);
      detector.update(fix.fixTime(), stops, plan, found);
    }
    return found;
  }

  @Test
  void withAPassengerTheOneMinuteStopIsAbnormal() {
    Trip trip = Trip.newBuilder().setTripId("T1").setPassengerOnBoard(true).build();
    List<Finding> found = abnormal(trip, Duration.ofSeconds(60));
    assertEquals(1, found.size(), found.toString());
    assertEquals(Hazard.ABNORMAL_STOP, found.get(0).hazard());
    assertEquals(Instant.parse("2009-04-01T13:07:04Z"), found.get(0).at());
    assertEquals("60", found.get(0).details().get("stoppedS"));
  }

  @Test
  void aStopAtAPlannedStopOrWithNobodyOnBoardIsNot() {
    TripStop pickUp =
        TripStop.newBuilder()
            .setName("pick-up")
            .setAt(LatLon.newBuilder().setLatDeg(LONG_STOP_LAT).setLonDeg(LONG_STOP_LON))
            .build();
    Trip planned =
        Trip.newBuilder().setTripId("T1").setPassengerOnBoard(true).addStops(pickUp).build();
    assertTrue(abnormal(planned, Duration.ofSeconds(60)).isEmpty());
    Trip empty = Trip.newBuilder().setTripId("T1").build();
    assertTrue(abnormal(empty, Duration.ofSeconds(60)).isEmpty());
    Trip cargo = Trip.newBuilder().setTripId("T1").setCargoOnBoard(true).build();
    assertEquals(1, abnormal(cargo, Duration.ofSeconds(60)).size());
    assertTrue(abnormal(cargo, Duration.ofSeconds(180)).isEmpty(), "no stop lasted 3 min");
  }

  private static List<Finding> overdue(Trip trip) {
    TripPlan plan = TripPlan.from(trip, 50, 100);
    OverdueDetector detector = new OverdueDetector(OverdueDetector.Thresholds.defaults());
    StopTracker stops = new StopTracker(StopTracker.Thresholds.defaults());
    List<Finding> found = new ArrayList<>();
    for (GnssFix fix : MUNICH) {
      stops.onFix(fix);
      detector.update(fix.fixTime(), stops, plan, found);
    }
    return found;
  }

  private static Trip.Builder toEnd(Duration eta) {
    TripStop end =
        TripStop.newBuilder()
            .setName("drop-off")
            .setAt(LatLon.newBuilder().setLatDeg(LAST.latDeg()).setLonDeg(LAST.lonDeg()))
            .setRadiusM(100)
            .build();
    return Trip.newBuilder()
        .setTripId("T2")
        .setDestination(end)
        .setEtaMs(START.plus(eta).toEpochMilli());
  }

  @Test
  void aTripStillUnderwayFifteenMinutesAfterItsEtaIsOverdue() {
    List<Finding> found = overdue(toEnd(Duration.ofMinutes(10)).build());
    assertEquals(1, found.size(), found.toString());
    assertEquals(Hazard.TRIP_OVERDUE, found.get(0).hazard());
    assertEquals(START.plus(Duration.ofMinutes(25)).plusSeconds(1), found.get(0).at());
  }

  @Test
  void aTripWithinItsGraceIsNotOverdue() {
    assertTrue(overdue(toEnd(Duration.ofMinutes(20)).build()).isEmpty());
  }

  @Test
  void anOverdueVehicleStandingAtItsDestinationIsSaidToBeThere() {
    assertEquals(
        "false",
        overdue(toEnd(Duration.ofMinutes(10)).build()).get(0).details().get("atDestination"));
    // Due at 13:10:41, while the car stands 79 m from where the drive ends (13:10:27-13:11:03).
    Duration eta = Duration.between(START, Instant.parse("2009-04-01T12:55:40Z"));
    Finding late = overdue(toEnd(eta).build()).get(0);
    assertEquals(Instant.parse("2009-04-01T13:10:41Z"), late.at());
    assertEquals("true", late.details().get("atDestination"));
  }
}
