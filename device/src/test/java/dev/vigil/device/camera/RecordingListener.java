package dev.vigil.device.camera;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a camera manager reports, as "tamper cabin FROZEN_PICTURE" style lines. */
final class RecordingListener implements CaptureListener {
  final List<String> reports = new CopyOnWriteArrayList<>();

  @Override
  public void tamper(String camera, TamperReason reason, Instant at) {
    reports.add("tamper " + camera + " " + reason);
  }

  @Override
  public void fault(String capture, String problem, Instant at) {
    reports.add("fault " + capture + " " + problem);
  }

  @Override
  public void recovered(String capture, Instant at) {
    reports.add("recovered " + capture);
  }
}
