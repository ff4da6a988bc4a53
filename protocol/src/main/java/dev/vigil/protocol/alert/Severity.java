package dev.vigil.protocol.alert;

import java.util.Locale;

/** How urgently the control room must act; also a level of the alert topic. */
public enum Severity {
  CRITICAL,
  MAJOR,
  MINOR,
  WARNING;

  public String topicSegment() {
    return name().toLowerCase(Locale.ROOT);
  }
}
