package dev.vigil.device.safety;

/**
 * Where events and alarms for the control room go: in the agent, sealed into the outbox; in the
 * replay tool, printed. Called on the safety engine's caller thread; must not throw.
 */
@FunctionalInterface
public interface ReportOutput {
  void report(Report report);
}
