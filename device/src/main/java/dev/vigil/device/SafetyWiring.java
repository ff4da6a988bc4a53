package dev.vigil.device;

import dev.vigil.device.imu.MotionListener;
import dev.vigil.device.indicator.Cue;
import dev.vigil.device.indicator.CueOutput;
import dev.vigil.device.safety.DriverWarning;
import dev.vigil.device.safety.LogWarningOutput;
import dev.vigil.device.safety.SafetyEngine;
import dev.vigil.device.safety.VehicleAcceleration;
import dev.vigil.device.warning.WarningKind;
import dev.vigil.device.warning.WarningOutput;
import java.util.List;
import java.util.Optional;

/** What the safety engine hears from the IMU and how its warnings reach the driver. */
final class SafetyWiring {
  private SafetyWiring() {}

  /** In-cab warnings: to the log, the buzzer and LED, and the voice prompt of the same name. */
  static dev.vigil.device.safety.WarningOutput warnings(CueOutput cues, WarningOutput voice) {
    return dev.vigil.device.safety.WarningOutput.all(
        List.of(
            new LogWarningOutput(),
            warning -> cues.play(Cue.WARNING),
            warning -> prompt(warning).ifPresent(voice::warn)));
  }

  /** The voice prompt for a warning: the prompts are named after the hazards they announce. */
  private static Optional<WarningKind> prompt(DriverWarning warning) {
    for (WarningKind kind : WarningKind.values()) {
      if (kind.name().equals(warning.hazard().name())) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /**
   * IMU samples in the vehicle frame to the safety engine, once the mounting is calibrated (before
   * that the axes are a guess and must not raise harsh-driving or crash alarms); none when the
   * inputs are a compressed replay.
   */
  static MotionListener motion(SafetyEngine safety, boolean safetyOnInputs) {
    return (raw, vehicle) -> {
      if (safetyOnInputs && vehicle.calibrated()) {
        safety.onAcceleration(
            new VehicleAcceleration(
                vehicle.time(), vehicle.longitudinalMps2(), vehicle.lateralMps2()));
      }
    };
  }
}
