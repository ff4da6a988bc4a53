package dev.vigil.device.imu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.gps.FixMode;
import dev.vigil.device.gps.GnssFix;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class GeniviLogTest {

  @Test
  void pairsAccelerometerAndGyroscopeLinesIntoSamples() {
    GeniviLog log = new GeniviLog();
    log.feed("#INF snsInit() success");
    log.feed("7110,0,$GVSNSACC,7108,-0.2285, 0.4124, 9.5436,  7.4,0X0000000F");
    log.feed("7110,0,$GVSNSGYR,7108,  2.40,  5.00,  7.00,  7.4,0X0000000F");
    GeniviLog.Recording r = log.finish();
    // GENIVI's gyroscope line is yaw (z), pitch (y), roll (x) rate.
    assertEquals(
        new ImuSample(Instant.ofEpochMilli(7108), -0.2285, 0.4124, 9.5436, 7.00, 5.00, 2.40),
        r.samples().get(0));
    assertEquals(Map.of(), r.rejected());
  }

  @Test
  void keepsTheNewestOfARepeatedEpochAndOnlyFixesWithSpeed() {
    GeniviLog log = new GeniviLog();
    log.feed(
        "7860,0,$GVGNSPOS,7810,49.0247292,12.0567650,   0.0,   0.0, 0.2,9999.0,  0.00,0.0,0.0,"
            + "0.0,00,9999,9999, 0.0, 0.0,9999.0,9999.0,9999.0,2,0X00000001,0X00000001,0X00000001,"
            + "0X003C0053");
    log.feed(
        "7860,0,$GVGNSPOS,7810,49.0247292,12.0567650, 335.8, 381.9, 0.3,9999.0,  0.00,3.7,2.2,"
            + "3.0,05,9999,9999, 0.0, 0.0,9999.0,9999.0,9999.0,3,0X00000001,0X00000001,0X00000001,"
            + "0X003C07DF");
    log.feed(
        "8860,0,$GVGNSPOS,8810,49.0247292,12.0567650, 335.8, 381.9, 0.3,9999.0,  0.00,3.7,2.2,"
            + "3.0,05,9999,9999, 0.0, 0.0,9999.0,9999.0,9999.0,0,0X00000001,0X00000001,0X00000001,"
            + "0X003C07DF");
    GeniviLog.Recording r = log.finish();
    assertEquals(
        java.util.List.of(new GeniviLog.SpeedFix(Instant.ofEpochMilli(7810), 0.3)), r.speeds());
    assertEquals(Map.of("$GVGNSPOS without fix or speed", 1), r.rejected());
    GnssFix fix = r.fixes().get(0);
    assertEquals(49.0247292, fix.latDeg());
    assertEquals(12.0567650, fix.lonDeg());
    assertEquals(0.0, fix.courseDeg().getAsDouble(), "heading valid (0x40)");
    assertEquals(335.8, fix.altitudeM().getAsDouble());
    assertEquals(FixMode.THREE_D, fix.mode());
    assertEquals(5, fix.satellites());
    assertEquals(2.2, fix.hdop().getAsDouble());
  }

  @Test
  void countsBrokenAndUnpairedLinesInsteadOfFailing() {
    GeniviLog log = new GeniviLog();
    log.feed("7110,0,$GVSNSACC,7108,-0.2285, 0.4124");
    log.feed("7110,0,$GVSNSACC,7108,abc, 0.4124, 9.5436,  7.4,0X0000000F");
    log.feed("7210,0,$GVSNSACC,7208,-0.2, 0.4, 9.5,  7.4,0X00000003");
    log.feed("7310,0,$GVSNSGYR,7308,  2.40,  5.00,  7.00,  7.4,0X0000000F");
    log.feed("\u0000\u00ff garbage");
    GeniviLog.Recording r = log.finish();
    assertTrue(r.samples().isEmpty());
    assertEquals(
        Map.of(
            "invalid $GVSNSACC", 2,
            "malformed $GVSNSACC", 1,
            "$GVSNSGYR without $GVSNSACC", 1),
        r.rejected());
  }

  @Test
  void readsTheWholeRegensburgDrive() {
    GeniviLog.Recording r = RegensburgDrive.recording();
    // 5,489 accelerometer and 5,489 gyroscope lines, 551 position lines of which 38 without fix
    // and 1 repeated epoch (counted with grep on the file).
    assertEquals(5_489, r.samples().size());
    assertEquals(Map.of("$GVGNSPOS without fix or speed", 38), r.rejected());
    assertEquals(512, r.speeds().size());
    double meanG = r.samples().stream().mapToDouble(s -> s.accel().norm()).average().orElseThrow();
    assertEquals(9.78, meanG, 0.05, "a car's accelerometer averages about 1 g");
  }
}
