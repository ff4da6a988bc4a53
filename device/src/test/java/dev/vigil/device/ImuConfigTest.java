package dev.vigil.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.protocol.settings.Settings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class ImuConfigTest {
  private static Map<String, String> minimal() {
    Map<String, String> settings = new HashMap<>();
    settings.put("device.id", "box-7");
    settings.put("vehicle.id", "VEH-7");
    return settings;
  }

  private static DeviceConfig load(Map<String, String> settings) {
    return DeviceConfig.from(Settings.of(settings, "test"));
  }

  @Test
  void noImuUnlessOneIsConfigured() {
    ImuConfig imu = load(minimal()).imu();
    assertEquals(ImuConfig.Kind.NONE, imu.source());
    assertEquals(1, imu.bus());
    assertEquals(0x68, imu.address());
    assertEquals(100, imu.rateHz());
  }

  @Test
  void anI2cChipWithItsAddressInHex() {
    Map<String, String> settings = minimal();
    settings.put("imu.source", "i2c");
    settings.put("imu.i2c.address", "0x69");
    settings.put("imu.i2c.bus", "3");
    settings.put("imu.rate-hz", "50");
    ImuConfig imu = load(settings).imu();
    assertEquals(ImuConfig.Kind.I2C, imu.source());
    assertEquals(0x69, imu.address());
    assertEquals(3, imu.bus());
    assertEquals(50, imu.rateHz());
  }

  @Test
  void badImuValuesNameTheirKey() {
    assertRefused("imu.i2c.address", "sixty-eight");
    assertRefused("imu.i2c.address", "0x80");
    assertRefused("imu.rate-hz", "5");
    assertRefused("imu.source", "spi");
    assertRefused("imu.replay.speed", "0");
  }

  @Test
  void gpsdIsAGnssSourceWithHostAndPort() {
    Map<String, String> settings = minimal();
    settings.put("gnss.source", "gpsd");
    settings.put("gnss.gpsd.host", "10.0.0.5");
    settings.put("gnss.gpsd.port", "2948");
    DeviceConfig config = load(settings);
    assertEquals(DeviceConfig.GnssKind.GPSD, config.gnss());
    assertEquals("10.0.0.5", config.gpsdHost());
    assertEquals(2948, config.gpsdPort());
    assertRefused("gnss.gpsd.port", "70000");
  }

  @Test
  void theImuRecordingsGnssNeedsTheImuReplay() {
    Map<String, String> settings = minimal();
    settings.put("gnss.source", "imu-replay");
    assertRefused(settings, "gnss.source", "needs imu.source=replay");
    settings.put("imu.source", "replay");
    assertEquals(DeviceConfig.GnssKind.IMU_REPLAY, load(settings).gnss());
  }

  private static void assertRefused(Map<String, String> settings, String key, String problem) {
    var error = assertThrows(Settings.SettingsException.class, () -> load(settings));
    assertTrue(error.getMessage().contains(key), error.getMessage());
    assertTrue(error.getMessage().contains(problem), error.getMessage());
  }

  private static void assertRefused(String key, String value) {
    Map<String, String> settings = minimal();
    settings.put(key, value);
    var error = assertThrows(Settings.SettingsException.class, () -> load(settings));
    assertTrue(error.getMessage().contains(key), error.getMessage());
  }
}
