package dev.vigil.device.evidence;

import dev.vigil.protocol.pb.Command;
import dev.vigil.protocol.pb.UploadWindow;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * Carries out the control room's commands ({@code down/cmd}, already opened and checked for
 * freshness): an {@code upload_window} uploads what the vault still holds of the window. Every
 * command is answered with a {@code MEDIA_REQUEST} event ({@code up/evt}) whose {@code status} is
 * FOUND, PARTIAL (details {@code unknown} and {@code empty} name the sources asked for in vain),
 * NOTHING or INVALID, so a request for footage that is gone is never met with silence.
 */
public final class WindowRequests {
  /** Sends an {@code up/evt} event. */
  public interface Events {
    void send(String type, Instant at, Map<String, String> details);
  }

  private static final String EVENT = "MEDIA_REQUEST";

  private final Supplier<Optional<EvidenceRecorder>> recorder;
  private final Events events;
  private final Clock clock;

  public WindowRequests(Supplier<Optional<EvidenceRecorder>> recorder, Events events, Clock clock) {
    this.recorder = recorder;
    this.events = events;
    this.clock = clock;
  }

  public void onCommand(Command command) {
    String id = command.getCommandId();
    if (!command.hasUploadWindow()) {
      answer(id, "INVALID", Map.of("problem", "unsupported command"));
      return;
    }
    UploadWindow window = command.getUploadWindow();
    if (id.isBlank() || window.getFromMs() >= window.getToMs()) {
      answer(id, "INVALID", Map.of("problem", "needs a command id and from before to"));
      return;
    }
    Logger.info(
        "media request {} by {} ({}): [{}, {}) of {}",
        id,
        window.getRequestedBy(),
        window.getReason(),
        Instant.ofEpochMilli(window.getFromMs()),
        Instant.ofEpochMilli(window.getToMs()),
        window.getCamerasList().isEmpty() ? "every camera" : window.getCamerasList());
    Optional<EvidenceRecorder> evidence = recorder.get();
    if (evidence.isEmpty()) {
      answer(id, "NOTHING", Map.of("problem", "no camera or microphone on this device"));
      return;
    }
    evidence
        .get()
        .request(
            id,
            Instant.ofEpochMilli(window.getFromMs()),
            Instant.ofEpochMilli(window.getToMs()),
            window.getCamerasList(),
            selection -> answer(id, selection));
  }

  private void answer(String id, WindowSelection selection) {
    Map<String, String> details = new HashMap<>();
    details.put("files", Integer.toString(selection.files().size()));
    details.put("unknown", String.join(",", selection.unknown()));
    details.put("empty", String.join(",", selection.empty()));
    String status =
        selection.files().isEmpty() ? "NOTHING" : selection.complete() ? "FOUND" : "PARTIAL";
    if (!selection.complete()) {
      Logger.warn(
          "media request {}: unknown sources {}, nothing in the window for {}",
          id,
          selection.unknown(),
          selection.empty());
    }
    answer(id, status, details);
  }

  private void answer(String id, String status, Map<String, String> more) {
    Map<String, String> details = new HashMap<>(more);
    details.put("command_id", id);
    details.put("status", status);
    events.send(EVENT, clock.instant(), details);
  }
}
