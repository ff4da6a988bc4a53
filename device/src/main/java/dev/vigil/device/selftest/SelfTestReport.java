package dev.vigil.device.selftest;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The self-test's result, one line per part, in a form an installer can print and keep. */
public final class SelfTestReport {
  /** The outcome of checking one part. */
  public enum Outcome {
    PASS,
    FAIL,
    NOT_FITTED
  }

  /** One part's line. */
  public record Check(String part, Outcome outcome, String detail) {}

  private final String deviceId;
  private final String vehicleId;
  private final Instant at;
  private final List<Check> checks = new ArrayList<>();

  public SelfTestReport(String deviceId, String vehicleId, Instant at) {
    this.deviceId = deviceId;
    this.vehicleId = vehicleId;
    this.at = at;
  }

  void add(String part, Outcome outcome, String detail) {
    checks.add(new Check(part, outcome, detail));
  }

  public List<Check> checks() {
    return List.copyOf(checks);
  }

  /** Passed when nothing failed; a part that is not fitted is not a failure. */
  public boolean passed() {
    return checks.stream().noneMatch(c -> c.outcome() == Outcome.FAIL);
  }

  public void print(PrintStream out) {
    out.println("Vigil self-test report");
    out.println("device:  " + deviceId);
    out.println("vehicle: " + vehicleId);
    out.println("time:    " + at);
    for (Check check : checks) {
      out.printf("%-10s %-10s %s%n", check.outcome(), check.part(), check.detail());
    }
    out.println("result:  " + (passed() ? "PASS" : "FAIL"));
  }
}
