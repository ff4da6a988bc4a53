package dev.vigil.device.safety;

import org.tinylog.Logger;

/** Writes each in-cab warning to the log: always on, beside whatever the driver hears or sees. */
public final class LogWarningOutput implements WarningOutput {
  @Override
  public void warn(DriverWarning warning) {
    Logger.info("driver warning {} {}", warning.hazard(), warning.details());
  }
}
