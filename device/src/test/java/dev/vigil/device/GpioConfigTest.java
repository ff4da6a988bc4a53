package dev.vigil.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.gpio.Gpio;
import dev.vigil.device.gpio.InputPin;
import dev.vigil.device.gpio.OutputPin;
import dev.vigil.device.gpio.Pi4jGpio;
import dev.vigil.protocol.settings.Settings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class GpioConfigTest {
  private static Map<String, String> minimal() {
    Map<String, String> settings = new HashMap<>();
    settings.put("device.id", "box-7");
    settings.put("vehicle.id", "VEH-7");
    return settings;
  }

  private static Map<String, String> allOnGpio() {
    Map<String, String> settings = minimal();
    settings.put("button.source", "gpio");
    settings.put("ignition.source", "gpio");
    settings.put("power.source", "gpio");
    settings.put("indicators.source", "gpio");
    return settings;
  }

  private static String error(Map<String, String> settings) {
    return assertThrows(
            Settings.SettingsException.class,
            () -> DeviceConfig.from(Settings.of(settings, "test")))
        .getMessage();
  }

  @Test
  void theSampleConfigClaimsNoPins() throws Exception {
    DeviceConfig config =
        DeviceConfig.load(Optional.of(Path.of("../config/device.properties")), Map.of());
    assertFalse(config.gpio().used(), "the demo runs without GPIO");
    assertEquals(Pi4jGpio.Provider.GPIOD, config.gpio().provider());
  }

  @Test
  void theDefaultsAreTheDocumentedPinMap() {
    GpioConfig gpio = DeviceConfig.from(Settings.of(allOnGpio(), "test")).gpio();
    assertEquals(Optional.of(new InputPin("button", 17, false, Gpio.Pull.UP, 10)), gpio.button());
    assertEquals(
        Optional.of(new InputPin("ignition", 27, false, Gpio.Pull.UP, 1_000)), gpio.ignition());
    assertEquals(
        Optional.of(new InputPin("power", 6, true, Gpio.Pull.DOWN, 200)), gpio.powerGood());
    assertEquals(Optional.of(new OutputPin("buzzer", 23, true)), gpio.buzzer());
    assertEquals(Optional.of(new OutputPin("led", 24, true)), gpio.led());
    assertEquals(30_000, gpio.stuckAfterMs());
  }

  @Test
  void aPinUsedTwiceNamesBothKeys() {
    Map<String, String> settings = allOnGpio();
    settings.put("led.pin", "17");
    String message = error(settings);
    assertTrue(message.contains("led.pin") && message.contains("button.pin"), message);
  }

  @Test
  void theGnssUartPinsAreRefusedWhileTheReceiverUsesThem() {
    Map<String, String> settings = allOnGpio();
    settings.put("gnss.source", "serial");
    settings.put("button.pin", "15");
    assertTrue(error(settings).contains("button.pin (value '15')"));
    settings.put("gnss.serial.port", "/dev/ttyACM0");
    assertEquals(
        15, DeviceConfig.from(Settings.of(settings, "test")).gpio().button().orElseThrow().bcm());
  }

  @Test
  void badWiringValuesNameTheirKey() {
    Map<String, String> settings = allOnGpio();
    settings.put("ignition.active", "sideways");
    assertTrue(error(settings).contains("ignition.active"));
    settings = allOnGpio();
    settings.put("button.pin", "40");
    assertTrue(error(settings).contains("button.pin (value '40') must be between 2 and 27"));
    settings = allOnGpio();
    settings.put("gpio.provider", "wiringpi");
    assertTrue(error(settings).contains("gpio.provider"));
  }

  @Test
  void theButtonsSecondContactReadsPressedAtTheOppositeLevel() {
    Map<String, String> settings = allOnGpio();
    settings.put("button.sense-pin", "22");
    assertEquals(
        Optional.of(new InputPin("button-sense", 22, true, Gpio.Pull.UP, 10)),
        DeviceConfig.from(Settings.of(settings, "test")).gpio().buttonSense());
    settings.put("button.sense-pin", "27");
    String message = error(settings);
    assertTrue(message.contains("button.sense-pin") && message.contains("ignition.pin"), message);
  }

  @Test
  void anOutputAtPinZeroIsNotFitted() {
    Map<String, String> settings = allOnGpio();
    settings.put("buzzer.pin", "0");
    GpioConfig gpio = DeviceConfig.from(Settings.of(settings, "test")).gpio();
    assertTrue(gpio.buzzer().isEmpty());
    assertTrue(gpio.led().isPresent());
  }
}
