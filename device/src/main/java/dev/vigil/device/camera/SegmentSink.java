package dev.vigil.device.camera;

import java.io.IOException;

/** Takes each closed segment (the evidence vault seals it and deletes the plaintext). */
public interface SegmentSink {
  /**
   * Consumes the segment. When this returns the file must be gone from the RAM folder; when it
   * throws, the file stays and is offered again on the next scan.
   */
  void closed(ClosedSegment segment) throws IOException;
}
