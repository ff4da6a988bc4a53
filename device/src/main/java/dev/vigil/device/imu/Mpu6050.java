package dev.vigil.device.imu;

import java.io.IOException;
import java.time.Instant;

/**
 * The InvenSense MPU-6050 accelerometer and gyroscope, and the chips that kept its register map
 * (MPU-6500, MPU-9250): set-up and decoding, with no I2C library in sight ({@link Registers} is
 * implemented by {@link Pi4jImu}). Register addresses, bit fields and scale factors are from
 * "MPU-6000 and MPU-6050 Register Map and Descriptions", revision 4.2 (RM-MPU-6000A-00, InvenSense,
 * 2013); section numbers below refer to it. The ICM-20948 has a different, banked register map and
 * is not supported.
 *
 * <p>Ranges: ±8 g (crashes and kerb strikes reach several g; 4096 LSB/g still resolves 0.0024 m/s²)
 * and ±500 °/s (a car's yaw rate rarely passes 100 °/s; 65.5 LSB per °/s).
 */
public final class Mpu6050 {
  /** 7-bit I2C address with AD0 low; 0x69 with AD0 high (section 4.32). */
  public static final int DEFAULT_ADDRESS = 0x68;

  static final int SMPLRT_DIV = 0x19; // 4.2: sample rate = 1 kHz / (1 + SMPLRT_DIV) with DLPF on
  static final int CONFIG = 0x1A; // 4.3: DLPF_CFG in bits 2:0
  static final int GYRO_CONFIG = 0x1B; // 4.4: FS_SEL in bits 4:3
  static final int ACCEL_CONFIG = 0x1C; // 4.5: AFS_SEL in bits 4:3
  static final int ACCEL_XOUT_H = 0x3B; // 4.17-4.19: accel X,Y,Z, temperature, gyro X,Y,Z
  static final int PWR_MGMT_1 = 0x6B; // 4.28: SLEEP bit 6 is set at power-on; CLKSEL bits 2:0
  static final int WHO_AM_I = 0x75; // 4.32

  /** Bytes in one burst read from ACCEL_XOUT_H: 7 big-endian two's-complement words. */
  static final int BURST_BYTES = 14;

  /** DLPF_CFG 3: accelerometer 44 Hz, gyroscope 42 Hz bandwidth, below 50–100 Hz sampling. */
  static final int DLPF_44_HZ = 3;

  /** AFS_SEL 2: ±8 g, 4096 LSB/g (table in 4.17). */
  static final int AFS_SEL_8G = 2 << 3;

  static final double ACCEL_LSB_PER_G = 4096;

  /** FS_SEL 1: ±500 °/s, 65.5 LSB per °/s (table in 4.19). */
  static final int FS_SEL_500_DPS = 1 << 3;

  static final double GYRO_LSB_PER_DPS = 65.5;

  /** CLKSEL 1: PLL on the X gyroscope, recommended over the internal oscillator (4.28). */
  static final int CLKSEL_PLL_X_GYRO = 1;

  /** WHO_AM_I of the MPU-6050 (0x68; the register ignores AD0), MPU-6500 and MPU-9250. */
  private static final int[] KNOWN_IDS = {0x68, 0x70, 0x71};

  /** Register access to the chip; the I2C adapter implements it. */
  public interface Registers {
    int read(int register) throws IOException;

    void read(int register, byte[] into) throws IOException;

    void write(int register, int value) throws IOException;
  }

  private Mpu6050() {}

  /**
   * Checks the chip's identity, wakes it and sets filter, ranges and a sample rate of 4–1000 Hz.
   */
  public static void configure(Registers chip, int rateHz) throws IOException {
    if (rateHz < 4 || rateHz > 1000) {
      throw new IllegalArgumentException("MPU-6050 sample rate must be 4–1000 Hz: " + rateHz);
    }
    int id = chip.read(WHO_AM_I);
    if (java.util.Arrays.stream(KNOWN_IDS).noneMatch(known -> known == id)) {
      throw new IOException(String.format("not an MPU-6050-class chip: WHO_AM_I is 0x%02X", id));
    }
    chip.write(PWR_MGMT_1, CLKSEL_PLL_X_GYRO);
    chip.write(CONFIG, DLPF_44_HZ);
    chip.write(SMPLRT_DIV, 1000 / rateHz - 1);
    chip.write(GYRO_CONFIG, FS_SEL_500_DPS);
    chip.write(ACCEL_CONFIG, AFS_SEL_8G);
  }

  /** Reads the latest sample in one burst, so all axes come from the same instant. */
  public static ImuSample read(Registers chip, Instant time) throws IOException {
    byte[] burst = new byte[BURST_BYTES];
    chip.read(ACCEL_XOUT_H, burst);
    return decode(burst, time);
  }

  /** Decodes a 14-byte burst from ACCEL_XOUT_H (accel x,y,z, temperature, gyro x,y,z). */
  public static ImuSample decode(byte[] burst, Instant time) {
    if (burst.length != BURST_BYTES) {
      throw new IllegalArgumentException("burst must hold 14 bytes: " + burst.length);
    }
    double mps2PerLsb = Mounting.STANDARD_GRAVITY_MPS2 / ACCEL_LSB_PER_G;
    return new ImuSample(
        time,
        word(burst, 0) * mps2PerLsb,
        word(burst, 2) * mps2PerLsb,
        word(burst, 4) * mps2PerLsb,
        word(burst, 8) / GYRO_LSB_PER_DPS,
        word(burst, 10) / GYRO_LSB_PER_DPS,
        word(burst, 12) / GYRO_LSB_PER_DPS);
  }

  /** Die temperature in °C from the same burst: TEMP_OUT / 340 + 36.53 (section 4.18). */
  public static double temperatureC(byte[] burst) {
    return word(burst, 6) / 340.0 + 36.53;
  }

  private static int word(byte[] b, int at) {
    return (short) ((b[at] << 8) | (b[at + 1] & 0xFF));
  }
}
