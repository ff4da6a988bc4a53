package dev.vigil.gateway.media;

import dev.vigil.gateway.alerts.AlertFactory;
import dev.vigil.gateway.operators.Caller;
import dev.vigil.gateway.registry.DeviceRegistry;
import dev.vigil.protocol.DownKind;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.envelope.Direction;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.envelope.Suite;
import dev.vigil.protocol.pb.Command;
import dev.vigil.protocol.pb.UploadWindow;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.security.PrivateKey;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import org.tinylog.Logger;

/**
 * {@code POST /api/vehicles/{vehicleId}/media-requests}: an operator asks a vehicle for the
 * recordings of a past window still in its buffer. The request is audited ({@code REQUEST}, what =
 * the command id) before anything is sent; then an {@code upload_window} command goes to each
 * device of the vehicle on {@code down/cmd}, sealed under the device's downlink key, QoS 1, not
 * retained (a command is for now, not for every later connection). Its envelope sequence number
 * comes from the database's downlink sequence, which the device requires to grow (replays fail).
 *
 * <p>The device answers with a manifest whose alarm id is the command id, so the recordings file
 * under the alert id {@link AlertFactory#alertId}(device, command) and the usual routes (media
 * list, clips, package) serve them. Answers 202 {@code {commandId, devices: [{deviceId, alertId,
 * sent}]}} ({@code sent} "false": the broker did not take it; ask again); 400 {@code {error,
 * field}}; 404 for a vehicle with no device.
 */
public final class MediaRequests {
  /** The next value of the database's downlink sequence. */
  public interface DownlinkSeq {
    long next() throws SQLException;
  }

  /** Publishes one QoS 1 message; completes when the broker has it. */
  public interface Publisher {
    CompletableFuture<Void> publish(String topic, byte[] payload);
  }

  /** Who seals and sends the commands. */
  public record Sending(
      PrivateKey gatewayKey, IntSupplier keyEpoch, DownlinkSeq seq, Publisher publisher) {}

  private final DeviceRegistry registry;
  private final MediaRepository audit;
  private final Sending sending;
  private final Duration maxWindow;
  private final Clock clock;

  public MediaRequests(
      DeviceRegistry registry,
      MediaRepository audit,
      Sending sending,
      Duration maxWindow,
      Clock clock) {
    this.registry = registry;
    this.audit = audit;
    this.sending = sending;
    this.maxWindow = maxWindow;
    this.clock = clock;
  }

  public void register(Javalin app) {
    app.post("/api/vehicles/{vehicleId}/media-requests", this::post)
        .exception(
            MediaRequest.Invalid.class,
            (e, ctx) ->
                ctx.status(HttpStatus.BAD_REQUEST)
                    .json(Map.of("error", e.getMessage(), "field", e.field())));
  }

  private void post(Context ctx) throws Exception {
    String vehicleId = ctx.pathParam("vehicleId");
    MediaRequest parsed =
        MediaRequest.parse(vehicleId, ctx.bodyAsBytes(), maxWindow, clock.instant());
    // Who asked is the authenticated caller, whatever name the body gives.
    String caller =
        Caller.of(ctx)
            .map(Caller::name)
            .orElseThrow(() -> new IllegalStateException("media route without access check"));
    MediaRequest request =
        new MediaRequest(
            parsed.vehicleId(),
            parsed.from(),
            parsed.to(),
            parsed.cameras(),
            parsed.reason(),
            caller);
    List<DeviceRegistry.Device> devices = registry.devicesOf(vehicleId);
    if (devices.isEmpty()) {
      ctx.status(HttpStatus.NOT_FOUND)
          .json(Map.of("error", "no device of vehicle " + vehicleId, "field", "vehicleId"));
      return;
    }
    String commandId = "req-" + UUID.randomUUID();
    audit.audit(clock.instant(), request.operator(), "REQUEST", commandId, request.reason());
    Logger.info(
        "media request {} by {}: vehicle {} [{}, {}) {}",
        commandId,
        request.operator(),
        vehicleId,
        request.from(),
        request.to(),
        request.cameras());
    List<Map<String, String>> sent = new ArrayList<>();
    for (DeviceRegistry.Device device : devices) {
      sent.add(
          Map.of(
              "deviceId",
              device.deviceId(),
              "alertId",
              AlertFactory.alertId(device.deviceId(), commandId),
              "sent",
              Boolean.toString(send(device, command(commandId, request)))));
    }
    ctx.status(HttpStatus.ACCEPTED).json(Map.of("commandId", commandId, "devices", sent));
  }

  private Command command(String commandId, MediaRequest request) {
    UploadWindow window =
        UploadWindow.newBuilder()
            .setFromMs(request.from().toEpochMilli())
            .setToMs(request.to().toEpochMilli())
            .addAllCameras(request.cameras())
            .setReason(request.reason())
            .setRequestedBy(request.operator())
            .build();
    return Command.newBuilder()
        .setCommandId(commandId)
        .setIssuedAtMs(clock.millis())
        .setUploadWindow(window)
        .build();
  }

  /** Whether the broker took the command; a failure is logged and reported, not thrown. */
  private boolean send(DeviceRegistry.Device device, Command command) throws SQLException {
    String topic = Topics.down(device.deviceId(), DownKind.CMD);
    EnvelopeKey key =
        EnvelopeKey.derive(
            sending.gatewayKey(),
            device.publicKey(),
            device.deviceId(),
            sending.keyEpoch().getAsInt(),
            Direction.DOWNLINK);
    byte[] sealed =
        Envelope.seal(key, Suite.AES_256_GCM, topic, sending.seq().next(), command.toByteArray());
    try {
      sending.publisher().publish(topic, sealed).get(10, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      Logger.error(
          "media request {} not delivered to the broker for {}: {}",
          command.getCommandId(),
          topic,
          e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
