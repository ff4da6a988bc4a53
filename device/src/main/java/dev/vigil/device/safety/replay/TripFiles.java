package dev.vigil.device.safety.replay;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.vigil.protocol.pb.Trip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trip file: one {@link Trip} message in protobuf's JSON mapping (lowerCamelCase names, int64 as
 * strings or numbers), e.g. {@code {"tripId":"T1","route":[{"latDeg":49.02,"lonDeg":12.06},...],
 * "corridorM":50,"etaMs":"1270921200000","passengerOnBoard":true}}. Unknown fields are an error, so
 * a misspelt field never silently disables a check.
 */
public final class TripFiles {
  private TripFiles() {}

  public static Trip read(Path file) throws IOException {
    Trip.Builder trip = Trip.newBuilder();
    try {
      JsonFormat.parser().merge(Files.readString(file), trip);
    } catch (InvalidProtocolBufferException e) {
      throw new IOException(file + ": not a trip (protobuf JSON): " + e.getMessage(), e);
    }
    return trip.build();
  }

  public static String json(Trip trip) throws IOException {
    return JsonFormat.printer().print(trip);
  }
}
