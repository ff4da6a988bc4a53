package dev.vigil.device.trip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.trip.CurrentTrip.Outcome;
import dev.vigil.device.trip.TripDownlink.Received;
import dev.vigil.protocol.pb.LatLon;
import dev.vigil.protocol.pb.Trip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class CurrentTripTest {
  @TempDir Path folder;

  private static Trip trip(String id) {
    return Trip.newBuilder()
        .setTripId(id)
        .setVehicleId("VEH-1")
        .addRoute(LatLon.newBuilder().setLatDeg(48.137).setLonDeg(11.575))
        .addRoute(LatLon.newBuilder().setLatDeg(48.140).setLonDeg(11.580))
        .setCorridorM(150)
        .setPassengerOnBoard(true)
        .build();
  }

  private static Trip ended(String id) {
    return trip(id).toBuilder().setEndedAtMs(1_795_000_000_000L).build();
  }

  @Test
  void aNewTripIsHeldToldAndStillThereAfterARestart() throws Exception {
    CurrentTrip current = CurrentTrip.open(new TripFile(folder));
    List<Optional<Trip>> heard = new ArrayList<>();
    current.addListener(heard::add);

    assertEquals(Outcome.ACCEPTED, current.offer(new Received(10, 1, trip("t-1"))));

    assertEquals(Optional.of("t-1"), current.tripId());
    assertEquals(List.of(Optional.of(trip("t-1"))), heard);
    CurrentTrip afterRestart = CurrentTrip.open(new TripFile(folder));
    assertEquals(Optional.of(trip("t-1")), afterRestart.get());
  }

  @Test
  void theRetainedCopyIsIgnoredAndAnOlderMessageRefusedEvenAfterARestart() throws Exception {
    CurrentTrip current = CurrentTrip.open(new TripFile(folder));
    current.offer(new Received(10, 1, trip("t-2")));
    List<Optional<Trip>> heard = new ArrayList<>();
    CurrentTrip afterRestart = CurrentTrip.open(new TripFile(folder));
    afterRestart.addListener(heard::add);

    assertEquals(Outcome.ALREADY_HELD, afterRestart.offer(new Received(10, 1, trip("t-2"))));
    assertEquals(Outcome.REFUSED_AS_OLDER, afterRestart.offer(new Received(9, 1, trip("t-old"))));
    assertEquals(Outcome.REFUSED_AS_OLDER, afterRestart.offer(new Received(9, 1, ended("t-2"))));

    assertEquals(Optional.of("t-2"), afterRestart.tripId());
    assertTrue(heard.isEmpty(), "listeners heard " + heard);
  }

  @Test
  void theEndOfTheTripClearsItForGood() throws Exception {
    CurrentTrip current = CurrentTrip.open(new TripFile(folder));
    List<Optional<Trip>> heard = new ArrayList<>();
    current.addListener(heard::add);
    current.offer(new Received(10, 1, trip("t-3")));

    assertEquals(Outcome.ACCEPTED, current.offer(new Received(11, 1, ended("t-3"))));

    assertEquals(Optional.empty(), current.get());
    assertEquals(List.of(Optional.of(trip("t-3")), Optional.empty()), heard);
    CurrentTrip afterRestart = CurrentTrip.open(new TripFile(folder));
    assertEquals(Optional.empty(), afterRestart.get());
    assertEquals(Outcome.REFUSED_AS_OLDER, afterRestart.offer(new Received(10, 1, trip("t-3"))));
  }

  @Test
  void theEndOfAnotherTripLeavesTheCurrentOneInPlace() throws Exception {
    CurrentTrip current = CurrentTrip.open(new TripFile(folder));
    current.offer(new Received(10, 1, trip("t-4")));

    assertEquals(Outcome.ACCEPTED, current.offer(new Received(12, 1, ended("t-other"))));

    assertEquals(Optional.of("t-4"), current.tripId());
    assertEquals(Outcome.REFUSED_AS_OLDER, current.offer(new Received(11, 1, ended("t-4"))));
  }

  @Test
  void afterAKeyRotationAnOlderMessageUnderThePreviousEpochIsStillRefused() throws Exception {
    CurrentTrip current = CurrentTrip.open(new TripFile(folder));
    current.offer(new Received(500, 2, trip("t-5")));

    assertEquals(Outcome.REFUSED_AS_OLDER, current.offer(new Received(499, 1, ended("t-5"))));
    assertEquals(Outcome.ACCEPTED, current.offer(new Received(501, 1, trip("t-6"))));

    assertEquals(Optional.of("t-6"), current.tripId());
  }

  @Test
  void theSavedFileIsReplacedWholeLeavingNoTemporaryBehind() throws Exception {
    CurrentTrip current = CurrentTrip.open(new TripFile(folder));
    current.offer(new Received(1, 1, trip("t-7")));
    current.offer(new Received(2, 1, trip("t-8")));

    try (var files = Files.list(folder)) {
      assertEquals(List.of(folder.resolve("current.pb")), files.toList());
    }
    assertEquals(Optional.of("t-8"), CurrentTrip.open(new TripFile(folder)).tripId());
  }
}
