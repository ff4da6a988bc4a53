package dev.vigil.device;

import dev.vigil.device.evidence.CaptureEvents;
import dev.vigil.device.evidence.EvidenceConfig;
import dev.vigil.device.evidence.EvidenceRecorder;
import dev.vigil.device.link.SealedUplink;
import dev.vigil.device.outbox.Lane;
import dev.vigil.device.outbox.OutboxSender;
import dev.vigil.device.safety.Hazard;
import dev.vigil.device.safety.Report;
import dev.vigil.device.trip.CurrentTrip;
import dev.vigil.device.trip.TripListener;
import dev.vigil.protocol.UpKind;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Cameras, trip audio and alarm evidence, and which alarms are filmed. */
final class AlarmEvidence {
  /** Safety alarms whose moments are filmed for evidence, like a panic. */
  private static final Set<Hazard> EVIDENCE_HAZARDS =
      EnumSet.of(
          Hazard.CRASH, Hazard.HARSH_BRAKING, Hazard.HARSH_ACCELERATION, Hazard.HARSH_CORNERING);

  private AlarmEvidence() {}

  /** The recorder, when any camera or microphone is configured; the caller stops it. */
  static Optional<EvidenceRecorder> start(
      DeviceConfig config, Keyring keyring, SealedUplink uplink, OutboxSender sender, Clock clock)
      throws IOException {
    EvidenceConfig settings = config.evidence();
    if (settings.cameras().isEmpty() && settings.microphone().isEmpty()) {
      return Optional.empty();
    }
    EvidenceRecorder.Wiring wiring =
        new EvidenceRecorder.Wiring(
            config.deviceId(),
            keyring.own(),
            keyring.gateway(),
            new CaptureEvents(uplink, sender),
            media -> sender.record(uplink.seal(UpKind.MEDIA, Lane.MEDIA, media)));
    return Optional.of(EvidenceRecorder.start(settings, wiring, clock));
  }

  /** Trip audio follows the current trip's {@code recording_required}, now and on every change. */
  static void recordTripAudio(EvidenceRecorder recorder, CurrentTrip trip) {
    TripListener follow =
        now -> recorder.recordingRequired(now.map(t -> t.getRecordingRequired()).orElse(false));
    follow.onTripChanged(trip.get());
    trip.addListener(follow);
  }

  /** Crash and harsh-driving alarms get the same camera evidence as a panic (issue 7). */
  static void collect(Report report, Optional<EvidenceRecorder> evidence) {
    if (report.kind() == Report.Kind.ALARM && EVIDENCE_HAZARDS.contains(report.hazard())) {
      evidence.ifPresent(recorder -> recorder.alarm(report.id(), report.at()));
    }
  }
}
