package dev.vigil.device.gps;

/** Fix dimension as NMEA reports it (GSA field 2, or inferred from GGA quality and RMC status). */
public enum FixMode {
  NONE,
  TWO_D,
  THREE_D
}
