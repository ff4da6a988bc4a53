package dev.vigil.protocol.alert;

import java.util.Locale;

/** How urgently the control room must act, most urgent first. */
public enum Severity {
  CRITICAL,
  MAJOR,
  MINOR,
  WARNING;

  /** The name as a topic level: {@code vigil/v1/control/alerts/critical/...}. */
  public String topicSegment() {
    return name().toLowerCase(Locale.ROOT);
  }
}
