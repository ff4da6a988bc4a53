package dev.vigil.device.imu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class Mpu6050Test {
  private static final Instant T = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void decodesBigEndianTwosComplementWordsWithTheDatasheetScales() {
    byte[] burst = {
      0x10,
      0x00, // accel x  4096 = +1 g
      (byte) 0xF0,
      0x00, // accel y -4096 = -1 g
      0x00,
      0x01, // accel z  1 LSB
      (byte) 0xEE,
      0x18, // temperature -4584 -> 23.05 °C
      0x00,
      0x41, // gyro x 65 LSB
      (byte) 0xFF,
      (byte) 0xBF, // gyro y -65 LSB
      0x7F,
      (byte) 0xFF // gyro z 32767 LSB: the top of ±500 °/s
    };
    ImuSample s = Mpu6050.decode(burst, T);
    assertEquals(T, s.time());
    assertEquals(9.80665, s.accelXMps2(), 1e-9);
    assertEquals(-9.80665, s.accelYMps2(), 1e-9);
    assertEquals(9.80665 / 4096, s.accelZMps2(), 1e-12);
    assertEquals(65 / 65.5, s.gyroXDegPerS(), 1e-12);
    assertEquals(-65 / 65.5, s.gyroYDegPerS(), 1e-12);
    assertEquals(500.26, s.gyroZDegPerS(), 0.01);
    assertEquals(-4584 / 340.0 + 36.53, Mpu6050.temperatureC(burst), 1e-12);
  }

  @Test
  void extremeWordsAreTheRangeLimits() {
    byte[] burst = new byte[14];
    burst[0] = (byte) 0x80; // accel x -32768 = -8 g
    burst[1] = 0x00;
    ImuSample s = Mpu6050.decode(burst, T);
    assertEquals(-8 * 9.80665, s.accelXMps2(), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> Mpu6050.decode(new byte[13], T));
  }

  @Test
  void configureWakesTheChipAndSetsFilterRateAndRanges() throws IOException {
    FakeChip chip = new FakeChip(0x68);
    Mpu6050.configure(chip, 100);
    assertEquals(
        List.of("6B=01", "1A=03", "19=09", "1B=08", "1C=10"), chip.writes, "register writes");
    chip.writes.clear();
    Mpu6050.configure(chip, 50);
    assertTrue(chip.writes.contains("19=13"), "50 Hz divides 1 kHz by 20: " + chip.writes);
  }

  @Test
  void refusesAChipThatIsNotInTheFamily() {
    IOException e =
        assertThrows(IOException.class, () -> Mpu6050.configure(new FakeChip(0xEA), 100));
    assertEquals("not an MPU-6050-class chip: WHO_AM_I is 0xEA", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Mpu6050.configure(new FakeChip(0x68), 2));
  }

  @Test
  void readsOneBurstFromAccelXoutH() throws IOException {
    FakeChip chip = new FakeChip(0x68);
    chip.burst[4] = 0x10; // accel z +1 g
    ImuSample s = Mpu6050.read(chip, T);
    assertEquals(9.80665, s.accelZMps2(), 1e-9);
    assertEquals(List.of(0x3B), chip.burstReads);
  }

  /** Registers held in memory, recording what the driver did. */
  private static final class FakeChip implements Mpu6050.Registers {
    final Map<Integer, Integer> registers = new HashMap<>();
    final List<String> writes = new ArrayList<>();
    final List<Integer> burstReads = new ArrayList<>();
    final byte[] burst = new byte[14];

    FakeChip(int whoAmI) {
      registers.put(0x75, whoAmI);
    }

    @Override
    public int read(int register) {
      return registers.getOrDefault(register, 0);
    }

    @Override
    public void read(int register, byte[] into) {
      burstReads.add(register);
      System.arraycopy(burst, 0, into, 0, into.length);
    }

    @Override
    public void write(int register, int value) {
      registers.put(register, value);
      writes.add(String.format("%02X=%02X", register, value));
    }
  }
}
