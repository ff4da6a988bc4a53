package dev.vigil.device.selftest;

import dev.vigil.device.button.ButtonListener;
import dev.vigil.device.button.PanicButton;
import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.gps.GnssListener;
import dev.vigil.device.gps.GnssSource;
import dev.vigil.device.ignition.Ignition;
import dev.vigil.device.imu.ImuSample;
import dev.vigil.device.imu.ImuSource;
import dev.vigil.device.indicator.Cue;
import dev.vigil.device.indicator.CueOutput;
import dev.vigil.device.power.PowerMonitor;
import dev.vigil.device.selftest.SelfTestReport.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Checks each part an installer fitted, in the order they would wire them: GNSS (sentences and a
 * fix), the IMU (one g at rest, at its rate), the panic button (pressed by the installer),
 * ignition, power-good, buzzer and LED (played, then the installer says what they heard and saw).
 * Nothing is sent anywhere: the link is not started, so a test press raises no alarm.
 */
public final class SelfTest {
  /** What is fitted; empty or "none" parts are reported as not fitted. */
  public record Parts(
      Optional<GnssSource> gnss,
      Optional<LongSupplier> gnssSentences,
      Optional<PanicButton> button,
      Ignition ignition,
      Optional<PowerMonitor> power,
      CueOutput cues,
      boolean buzzerFitted,
      boolean ledFitted,
      Optional<ImuSource> imu,
      int imuRateHz) {}

  /** How long the installer and the receiver are given. */
  public record Timeouts(Duration gnssFix, Duration buttonPress) {}

  /** How long the IMU is sampled with the vehicle standing still. */
  static final Duration IMU_WINDOW = Duration.ofSeconds(3);

  private final Parts parts;
  private final Timeouts timeouts;
  private final Installer installer;

  public SelfTest(Parts parts, Timeouts timeouts, Installer installer) {
    this.parts = parts;
    this.timeouts = timeouts;
    this.installer = installer;
  }

  public SelfTestReport run(SelfTestReport report) throws InterruptedException {
    gnss(report);
    imu(report);
    button(report);
    ignition(report);
    power(report);
    output(
        report, "buzzer", parts.buzzerFitted(), Cue.SELFTEST_BUZZER, "Did the buzzer beep twice?");
    output(report, "led", parts.ledFitted(), Cue.SELFTEST_LED, "Did the LED flash three times?");
    return report;
  }

  private void gnss(SelfTestReport report) throws InterruptedException {
    if (parts.gnss().isEmpty()) {
      report.add("gnss", Outcome.NOT_FITTED, "gnss.source is not serial");
      return;
    }
    installer.say("GNSS: waiting up to " + timeouts.gnssFix().toSeconds() + " s for a fix ...");
    CompletableFuture<GnssFix> first = new CompletableFuture<>();
    Instant start = Instant.now();
    parts.gnss().get().start((GnssListener) first::complete);
    try {
      GnssFix fix = first.get(timeouts.gnssFix().toMillis(), TimeUnit.MILLISECONDS);
      long ms = Duration.between(start, Instant.now()).toMillis();
      report.add("gnss", Outcome.PASS, sentences() + ", fix after " + seconds(ms) + describe(fix));
    } catch (TimeoutException | ExecutionException e) {
      report.add(
          "gnss",
          Outcome.FAIL,
          String.format(
              "no fix within %d s (%s; none: check wiring and baud; some: the antenna needs sky)",
              timeouts.gnssFix().toSeconds(), sentences()));
    } finally {
      parts.gnss().get().close();
    }
  }

  private void imu(SelfTestReport report) throws InterruptedException {
    if (parts.imu().isEmpty()) {
      report.add("imu", Outcome.NOT_FITTED, "imu.source is none");
      return;
    }
    installer.say("IMU: keep the vehicle still for " + IMU_WINDOW.toSeconds() + " s ...");
    List<ImuSample> samples = new CopyOnWriteArrayList<>();
    ImuSource imu = parts.imu().get();
    try {
      imu.start(samples::add);
      Thread.sleep(IMU_WINDOW.toMillis());
    } catch (RuntimeException e) {
      report.add("imu", Outcome.FAIL, "cannot read the sensor: " + e.getMessage());
      return;
    } finally {
      imu.close();
    }
    ImuCheck.Verdict verdict = ImuCheck.assess(samples, IMU_WINDOW, parts.imuRateHz());
    report.add("imu", verdict.outcome(), verdict.detail());
  }

  private String sentences() {
    return parts.gnssSentences().map(s -> s.getAsLong() + " sentences").orElse("sentences unknown");
  }

  private static String describe(GnssFix fix) {
    return String.format(
        Locale.ROOT,
        ": %.5f, %.5f, %s, %d satellites",
        fix.latDeg(),
        fix.lonDeg(),
        fix.mode(),
        fix.satellites());
  }

  private void button(SelfTestReport report) throws InterruptedException {
    if (parts.button().isEmpty()) {
      report.add("button", Outcome.NOT_FITTED, "button.source is not gpio");
      return;
    }
    CompletableFuture<String> heard = new CompletableFuture<>();
    parts.button().get().start(listener(heard));
    installer.say(
        "BUTTON: press the panic button now (within "
            + timeouts.buttonPress().toSeconds()
            + " s). No alarm is sent during the self-test.");
    Instant start = Instant.now();
    try {
      String what = heard.get(timeouts.buttonPress().toMillis(), TimeUnit.MILLISECONDS);
      long ms = Duration.between(start, Instant.now()).toMillis();
      report.add(
          "button",
          what.equals("press") ? Outcome.PASS : Outcome.FAIL,
          what.equals("press") ? "pressed after " + seconds(ms) : what);
    } catch (TimeoutException | ExecutionException e) {
      report.add(
          "button",
          Outcome.FAIL,
          "no press within " + timeouts.buttonPress().toSeconds() + " s (check the wire to GND)");
    } finally {
      parts.button().get().close();
    }
  }

  private static ButtonListener listener(CompletableFuture<String> heard) {
    return new ButtonListener() {
      @Override
      public void onPress(Instant at) {
        heard.complete("press");
      }

      @Override
      public void onFault(String fault) {
        heard.complete(fault);
      }
    };
  }

  private void ignition(SelfTestReport report) {
    if (!parts.ignition().sensed()) {
      report.add("ignition", Outcome.NOT_FITTED, "ignition.source is none");
      return;
    }
    parts.ignition().start();
    boolean on = parts.ignition().on();
    boolean agreed = installer.confirm("IGNITION: the box reads " + onOff(on) + ". Is that right?");
    report.add(
        "ignition",
        agreed ? Outcome.PASS : Outcome.FAIL,
        "reads " + onOff(on) + (agreed ? ", as the installer saw" : ", installer disagrees"));
  }

  private void power(SelfTestReport report) {
    if (parts.power().isEmpty()) {
      report.add("power", Outcome.NOT_FITTED, "power.source is none");
      return;
    }
    parts.power().get().start(() -> {});
    boolean good = parts.power().get().good();
    report.add(
        "power",
        good ? Outcome.PASS : Outcome.FAIL,
        good ? "power-good line reads good" : "power-good line reads lost: check the UPS wiring");
  }

  private void output(SelfTestReport report, String part, boolean fitted, Cue cue, String question)
      throws InterruptedException {
    if (!fitted) {
      report.add(part, Outcome.NOT_FITTED, "indicators.source is none or " + part + ".pin is 0");
      return;
    }
    installer.say(part.toUpperCase(Locale.ROOT) + ": playing a test pattern ...");
    parts.cues().play(cue);
    Thread.sleep(Math.max(cue.buzzer().totalMs(), cue.led().totalMs()));
    boolean seen = installer.confirm(question);
    report.add(part, seen ? Outcome.PASS : Outcome.FAIL, seen ? "confirmed" : "not confirmed");
  }

  private static String onOff(boolean on) {
    return on ? "ON" : "OFF";
  }

  private static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
