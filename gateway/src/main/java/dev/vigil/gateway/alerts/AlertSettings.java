package dev.vigil.gateway.alerts;

import java.time.Duration;

/**
 * The alert service's settings ({@code alerts.*} in {@code config/gateway.properties}).
 *
 * @param mergeWindow outside trips, a repeat this soon after the open alert's last change merges
 * @param offlineAfter silence after which a vehicle with its ignition on is DEVICE_OFFLINE
 * @param sweepIntervalMs how often each gateway looks for due escalations and silent devices
 */
public record AlertSettings(
    EscalationPolicy escalation,
    Duration mergeWindow,
    Duration offlineAfter,
    long sweepIntervalMs) {}
