package dev.vigil.gateway.alerts;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why an alert was closed: a fixed set, so the control room's figures (how many panics were real,
 * how many were tests) can be counted without reading free text. The note says the rest.
 */
public enum Resolution {
  /** Someone helped: police, ambulance, a call to the driver that settled it. */
  HANDLED,
  /** Nothing was wrong: a pressed-by-mistake button, a pothole taken for a crash. */
  FALSE_ALARM,
  /** A planned test of the box or of the control room. */
  TEST,
  /** The same incident is handled under another alert. */
  DUPLICATE,
  /** The vehicle came back online (closes DEVICE_OFFLINE by itself). */
  BACK_ONLINE,
  /** Anything else: the note must say what. */
  OTHER;

  /** The reason named exactly (case-insensitive), if it is one. */
  public static Optional<Resolution> parse(String name) {
    return Arrays.stream(values()).filter(r -> r.name().equalsIgnoreCase(name)).findFirst();
  }
}
