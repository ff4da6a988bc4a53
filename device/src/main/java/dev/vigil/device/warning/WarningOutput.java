package dev.vigil.device.warning;

/**
 * One way of telling the driver something (voice, buzzer, LED), chosen in the composition root.
 * Must return at once: callers are the safety engine and input threads, which never wait for a
 * prompt to finish playing. Rate limiting is the caller's business, not the output's.
 */
public interface WarningOutput {
  void warn(WarningKind kind);
}
