package dev.vigil.device.safety.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.DeviceMainAccess;
import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.safety.Recordings;
import dev.vigil.protocol.pb.LatLon;
import dev.vigil.protocol.pb.Trip;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ReplayCommandTest {
  private static final Pattern LINE =
      Pattern.compile(
          "\\{\"time\":\"[0-9T:.\\-]+Z\",\"kind\":\"(warning|event|alarm)\",\"type\":\"[A-Z_]+\","
              + "\"severity\":\"(CRITICAL|MAJOR|MINOR|WARNING)\",\"lat\":[0-9.\\-]+,\"lon\":"
              + "[0-9.\\-]+,\"speedMps\":[0-9.]+,\"tripId\":\"[^\"]*\",\"details\":\\{.*\\}\\}");

  record Run(int code, List<String> out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        DeviceMainAccess.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    return new Run(
        code,
        text.isEmpty() ? List.of() : List.of(text.split("\n")),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void replaysADriveWithATripFileAndPrintsOneJsonLinePerOutput(@TempDir Path dir) throws Exception {
    List<GnssFix> munich = Recordings.munich();
    Trip.Builder trip =
        Trip.newBuilder()
            .setTripId("T-REPLAY")
            .setPassengerOnBoard(true)
            .setEtaMs(munich.get(0).fixTime().toEpochMilli() + 600_000);
    for (GnssFix f : munich.subList(0, 600)) {
      trip.addRoute(LatLon.newBuilder().setLatDeg(f.latDeg()).setLonDeg(f.lonDeg()));
    }
    Path tripFile = dir.resolve("trip.json");
    Files.writeString(tripFile, TripFiles.json(trip.build()));
    Run run = run("replay", "--nmea", Recordings.MUNICH.toString(), "--trip", tripFile.toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().size() > 5, run.out().toString());
    for (String line : run.out()) {
      assertTrue(LINE.matcher(line).matches(), line);
    }
    assertTrue(run.out().stream().anyMatch(l -> l.contains("\"type\":\"ROUTE_DEVIATION\"")));
    assertTrue(run.out().stream().anyMatch(l -> l.contains("\"type\":\"TRIP_OVERDUE\"")));
    assertTrue(
        run.out().stream()
            .filter(l -> l.contains("\"alarm\""))
            .allMatch(l -> l.contains("T-REPLAY")));
    assertTrue(run.err().startsWith("replay: 1845 fixes, 0 imu samples;"), run.err());
  }

  @Test
  void aGeniviLogAloneGivesBothFixesAndImuSamples() {
    Run run =
        run("replay", "--imu", Recordings.GENIVI.toString(), "safety.harsh.imu.braking-mps2=2");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().startsWith("replay: 512 fixes, 5489 imu samples;"), run.err());
    assertTrue(run.out().stream().anyMatch(l -> l.contains("HARSH_BRAKING") && l.contains("imu")));
  }

  @Test
  void aBadThresholdOrTripFileIsRefusedNamingIt(@TempDir Path dir) throws Exception {
    Run bad = run("replay", "--nmea", Recordings.MUNICH.toString(), "safety.route.corridor-m=-3");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("safety.route.corridor-m"), bad.err());
    Run unknown = run("replay", "--nmea", Recordings.MUNICH.toString(), "safety.rout.corridor-m=3");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("safety.rout.corridor-m"), unknown.err());
    Path trip = dir.resolve("bad-trip.json");
    Files.writeString(trip, "{\"tripId\":\"T\",\"corridor\":50}");
    Run badTrip = run("replay", "--nmea", Recordings.MUNICH.toString(), "--trip", trip.toString());
    assertEquals(1, badTrip.code());
    assertTrue(badTrip.err().contains("corridor"), badTrip.err());
  }
}
