package dev.vigil.device.imu;

import java.time.Instant;

/**
 * Acceleration in the vehicle's axes (ISO 8855: x forward, y left, z up), gravity removed. Braking
 * is a negative {@code longitudinalMps2}; a left turn a positive {@code lateralMps2}.
 *
 * @param calibrated false while the mounting is still being learned: the values then assume the box
 *     is fitted as its label shows (chip x forward, z up) and should not raise alarms
 */
public record VehicleAcceleration(
    Instant time,
    double longitudinalMps2,
    double lateralMps2,
    double verticalMps2,
    boolean calibrated) {}
