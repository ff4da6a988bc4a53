package dev.vigil.device;

import dev.vigil.protocol.settings.Settings;
import java.nio.file.Path;

/**
 * The IMU settings ({@code imu.*} in {@code config/device.properties}), checked at start.
 *
 * @param address 7-bit I2C address
 * @param rateHz samples per second read from the chip
 * @param replaySpeed 1.0 = as recorded
 */
public record ImuConfig(
    Kind source,
    int bus,
    int address,
    int rateHz,
    Path replayFile,
    double replaySpeed,
    boolean replayLoop) {

  /** Where samples come from; there is no silent fallback between them. */
  public enum Kind {
    /** No IMU fitted: no acceleration input. */
    NONE,
    /** An MPU-6050-class chip on I2C: the box in a vehicle. */
    I2C,
    /** A recorded GENIVI log (demo, tests, bench boxes). */
    REPLAY
  }

  static ImuConfig from(Settings s, Path cwd) {
    String rawAddress = s.string("imu.i2c.address", "0x68");
    int address;
    try {
      address = Integer.decode(rawAddress);
    } catch (NumberFormatException e) {
      throw s.bad("imu.i2c.address", rawAddress, "must be a number such as 0x68");
    }
    if (address < 0x08 || address > 0x77) {
      throw s.bad("imu.i2c.address", rawAddress, "must be a 7-bit address 0x08-0x77");
    }
    return new ImuConfig(
        s.choice("imu.source", Kind.class, Kind.NONE),
        s.integer("imu.i2c.bus", 1, 0, 255),
        address,
        s.integer("imu.rate-hz", 100, 10, 200),
        s.path("imu.replay.file", cwd, "scripts/data/20160209_RPi_GENIVI_Regensburg.log"),
        s.decimal("imu.replay.speed", 1.0, 0.01, 1_000),
        s.bool("imu.replay.loop", true));
  }
}
