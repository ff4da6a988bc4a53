package dev.vigil.gateway.desk;

import dev.vigil.gateway.alerts.ControlAckResult;
import dev.vigil.protocol.alert.ControlAlert;
import java.time.Duration;
import java.time.Instant;

/**
 * The plain mode's output, one line per change, words a script can match:
 *
 * <pre>
 * ALERT id=ALERT_ID state=OPEN severity=CRITICAL type=PANIC vehicle=VEH-1 count=1 level=0 age=3s by=-
 * ALERT id=... state=RESOLVED ... by=anna resolvedBy=ben resolution=HANDLED
 * RESULT ack ALERT_ID APPLIED
 * REJECTED ack ALERT_ID UNKNOWN_ALERT: no such alert
 * ERROR what is wrong with a command line
 * STATUS connected | disconnected
 * </pre>
 */
public final class PlainLines {
  private PlainLines() {}

  /** A change as it arrived; a RESOLVED one also says who closed it and why. */
  public static String alert(ControlAlert alert, Instant now) {
    String line = row(DeskRow.of(alert), alert.state().name(), now);
    if (alert.progress().resolvedBy() == null) {
      return line;
    }
    return line
        + " resolvedBy="
        + alert.progress().resolvedBy()
        + " resolution="
        + alert.progress().resolution();
  }

  /** A live alert as {@code list} prints it. */
  public static String row(DeskRow row, Instant now) {
    return row(row, row.state().name(), now);
  }

  private static String row(DeskRow row, String state, Instant now) {
    return "ALERT id="
        + row.alertId()
        + " state="
        + state
        + " severity="
        + row.severity()
        + " type="
        + row.type()
        + " vehicle="
        + row.vehicleId()
        + " count="
        + row.count()
        + " level="
        + row.escalationLevel()
        + " age="
        + AnsiScreen.age(Duration.between(row.receivedAt(), now))
        + " by="
        + (row.acknowledgedBy() == null ? "-" : row.acknowledgedBy());
  }

  public static String result(ControlAckResult result) {
    String head =
        (result.rejected() ? "REJECTED " : "RESULT ")
            + result.action().name().toLowerCase(java.util.Locale.ROOT)
            + " "
            + result.alertId()
            + " "
            + result.outcome();
    return result.error() == null ? head : head + ": " + result.error();
  }

  public static String error(String message) {
    return "ERROR " + message;
  }

  public static String status(boolean connected) {
    return "STATUS " + (connected ? "connected" : "disconnected");
  }
}
