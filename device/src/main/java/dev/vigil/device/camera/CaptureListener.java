package dev.vigil.device.camera;

import java.time.Instant;

/** What the camera manager reports; the agent turns these into TAMPER events and health faults. */
public interface CaptureListener {
  /** Why a camera is considered tampered with. */
  enum TamperReason {
    /** No new segment for the configured time: unplugged, covered by a dead process, cut cable. */
    NO_SEGMENTS,
    /** The picture has not changed for the configured time: lens covered or a frozen feed. */
    FROZEN_PICTURE
  }

  /** A camera stopped delivering a live picture. Reported once until {@link #recovered}. */
  void tamper(String camera, TamperReason reason, Instant at);

  /** The microphone of a trip that must be recorded delivers nothing. Once until recovered. */
  void fault(String capture, String problem, Instant at);

  /** A capture reported before is delivering again. */
  void recovered(String capture, Instant at);
}
