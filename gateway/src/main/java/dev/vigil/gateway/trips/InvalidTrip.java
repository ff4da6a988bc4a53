package dev.vigil.gateway.trips;

/** A trip request the client must change: {@code field} names the JSON field at fault. */
public final class InvalidTrip extends RuntimeException {
  private final String field;

  InvalidTrip(String field, String problem) {
    super(field + " " + problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
