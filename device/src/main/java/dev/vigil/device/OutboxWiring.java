package dev.vigil.device;

import dev.vigil.device.link.MqttLink;
import dev.vigil.device.outbox.Outbox;
import dev.vigil.device.outbox.OutboxSender;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** The outbox in {@code data.dir/outbox} and how its sender reaches the broker. */
final class OutboxWiring {
  private static final long SEGMENT_BYTES = 4L << 20;
  private static final long ACK_TIMEOUT_MS = 10_000;

  private OutboxWiring() {}

  static Outbox open(DeviceConfig config) throws IOException {
    return Outbox.open(
        new Outbox.Settings(
            config.dataDir().resolve("outbox"), SEGMENT_BYTES, config.outboxBudgetBytes()));
  }

  static OutboxSender.Settings senderSettings(DeviceConfig config) {
    return new OutboxSender.Settings(
        config.outboxMaxInFlight(),
        config.outboxRatePerS(),
        ACK_TIMEOUT_MS,
        Device.GROUP_COMMIT_MS);
  }

  /** QoS 1, not retained: the gateway acknowledges each record end to end. */
  static OutboxSender.Transport transport(MqttLink link) {
    return new OutboxSender.Transport() {
      @Override
      public boolean connected() {
        return link.isConnected();
      }

      @Override
      public int brokerWindow() {
        return link.brokerWindow();
      }

      @Override
      public CompletableFuture<Void> publish(String topic, byte[] envelope) {
        return link.publish(topic, envelope, 1, false);
      }
    };
  }
}
