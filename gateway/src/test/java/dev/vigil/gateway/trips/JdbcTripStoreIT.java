package dev.vigil.gateway.trips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.store.Database;
import dev.vigil.gateway.store.TestDatabases;
import dev.vigil.gateway.trips.TripStore.StoredTrip;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The trip store on both databases: the embedded H2 default and the machine's PostgreSQL. */
@Timeout(60)
class JdbcTripStoreIT {
  private static final TestDatabases DATABASES = new TestDatabases("vigil_trips");
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  @TempDir static Path folder;

  static Stream<String> databases() throws Exception {
    return DATABASES.urls(folder);
  }

  @AfterAll
  static void dropSchema() throws Exception {
    DATABASES.drop();
  }

  private static TripStore open(String url) throws Exception {
    Database database = TestDatabases.migrated(url);
    return new JdbcTripStore(database);
  }

  private static StoredTrip trip(String id, String vehicle) {
    return new StoredTrip(id, vehicle, T0, Optional.empty(), "{\"vehicleId\":\"" + vehicle + "\"}");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aTripIsStoredEndedOnceAndTheVehicleFreedForTheNext(String url) throws Exception {
    TripStore store = open(url);
    store.create(trip("t-1", "VEH-1"));

    TripStore.VehicleBusy busy =
        assertThrows(TripStore.VehicleBusy.class, () -> store.create(trip("t-2", "VEH-1")));
    assertEquals("t-1", busy.runningTripId());
    assertEquals(Optional.of(trip("t-1", "VEH-1")), store.find("t-1"));
    assertEquals(Optional.empty(), store.find("t-2"));

    StoredTrip ended = store.end("t-1", T0.plusSeconds(600)).orElseThrow();
    assertEquals(Optional.of(T0.plusSeconds(600)), ended.endedAt());
    assertEquals(ended, store.end("t-1", T0.plusSeconds(900)).orElseThrow(), "ended once");
    assertEquals(Optional.empty(), store.end("t-unknown", T0));

    store.create(trip("t-2", "VEH-1"));
    assertTrue(store.find("t-2").orElseThrow().endedAt().isEmpty());
  }

  @ParameterizedTest
  @MethodSource("databases")
  void downlinkSequenceNumbersOnlyGrow(String url) throws Exception {
    TripStore store = open(url);
    long previous = store.nextDownlinkSeq();
    for (int i = 0; i < 20; i++) {
      long next = store.nextDownlinkSeq();
      assertTrue(next > previous, next + " after " + previous);
      previous = next;
    }
    assertTrue(open(url).nextDownlinkSeq() > previous, "after a restart too");

    long floor = T0.toEpochMilli() * 1_000;
    store.raiseDownlinkSeq(floor);
    long raised = store.nextDownlinkSeq();
    assertTrue(raised >= floor, raised + " below " + floor);
    store.raiseDownlinkSeq(floor - 1_000_000);
    assertTrue(store.nextDownlinkSeq() > raised, "raising to a lower floor never lowers it");
  }
}
