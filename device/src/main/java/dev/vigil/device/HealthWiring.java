package dev.vigil.device;

import dev.vigil.device.health.HealthReporter;
import dev.vigil.device.ignition.Ignition;
import dev.vigil.device.link.SealedUplink;
import dev.vigil.device.outbox.Lane;
import dev.vigil.device.outbox.OutboxSender;
import dev.vigil.protocol.UpKind;
import java.time.Clock;

/**
 * The health reporter: what it reads from the agent's parts, and its reports sealed to the outbox.
 */
final class HealthWiring {
  private HealthWiring() {}

  static HealthReporter reporter(
      DeviceAgent agent, Ignition ignition, OutboxSender sender, SealedUplink uplink, Clock clock) {
    HealthReporter.Sources sources =
        new HealthReporter.Sources() {
          @Override
          public boolean gnssOk() {
            return agent.gnssOk();
          }

          @Override
          public boolean ignitionOn() {
            return ignition.on();
          }

          @Override
          public long outboxRecords() {
            return sender.waiting();
          }
        };
    return new HealthReporter(
        sources,
        report -> sender.record(uplink.seal(UpKind.HEALTH, Lane.HEALTH, report.toByteArray())),
        clock);
  }
}
