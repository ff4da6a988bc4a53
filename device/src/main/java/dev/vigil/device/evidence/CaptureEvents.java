package dev.vigil.device.evidence;

import dev.vigil.device.camera.CaptureListener;
import dev.vigil.device.link.SealedUplink;
import dev.vigil.device.outbox.Lane;
import dev.vigil.device.outbox.OutboxSender;
import dev.vigil.protocol.UpKind;
import dev.vigil.protocol.pb.Event;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.tinylog.Logger;

/**
 * Camera reports as {@code up/evt} events: {@code TAMPER} (details {@code camera}, {@code reason}
 * NO_SEGMENTS or FROZEN_PICTURE), {@code CAPTURE_FAULT} (a microphone that records nothing on a
 * trip that must be recorded; details {@code capture}, {@code problem}) and {@code
 * CAPTURE_RECOVERED}; and, through {@link #send}, {@code MEDIA_REQUEST} ({@link WindowRequests}).
 */
public final class CaptureEvents implements CaptureListener {
  private final SealedUplink uplink;
  private final OutboxSender outbox;

  public CaptureEvents(SealedUplink uplink, OutboxSender outbox) {
    this.uplink = uplink;
    this.outbox = outbox;
  }

  @Override
  public void tamper(String camera, TamperReason reason, Instant at) {
    Logger.warn("TAMPER on camera {}: {}", camera, reason);
    send("TAMPER", at, Map.of("camera", camera, "reason", reason.name()));
  }

  @Override
  public void fault(String capture, String problem, Instant at) {
    Logger.error("capture fault on {}: {}", capture, problem);
    send("CAPTURE_FAULT", at, Map.of("capture", capture, "problem", problem));
  }

  @Override
  public void recovered(String capture, Instant at) {
    Logger.info("capture {} recovered", capture);
    send("CAPTURE_RECOVERED", at, Map.of("capture", capture));
  }

  /** Any other event of the evidence feature, e.g. the answer to a media request. */
  public void send(String type, Instant at, Map<String, String> details) {
    Event event =
        Event.newBuilder().setType(type).setAtMs(at.toEpochMilli()).putAllDetails(details).build();
    try {
      outbox.record(uplink.seal(UpKind.EVT, Lane.EVENT, event.toByteArray()));
    } catch (IOException | RuntimeException e) {
      Logger.error("{} event not recorded: {}", type, e.getMessage());
    }
  }
}
