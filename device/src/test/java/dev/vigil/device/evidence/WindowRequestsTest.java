package dev.vigil.device.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.protocol.pb.Command;
import dev.vigil.protocol.pb.UploadWindow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Commands that cannot be carried out are answered with an event, never with silence. */
@Timeout(5)
class WindowRequestsTest {
  private final List<Map<String, String>> events = new ArrayList<>();
  private final WindowRequests requests =
      new WindowRequests(
          Optional::empty,
          (type, at, details) -> {
            assertEquals("MEDIA_REQUEST", type);
            events.add(details);
          },
          Clock.fixed(Instant.ofEpochSecond(100), ZoneOffset.UTC));

  private static Command window(String id, long fromMs, long toMs) {
    return Command.newBuilder()
        .setCommandId(id)
        .setUploadWindow(UploadWindow.newBuilder().setFromMs(fromMs).setToMs(toMs))
        .build();
  }

  @Test
  void aBackwardWindowIsInvalid() {
    requests.onCommand(window("req-1", 5_000, 5_000));

    assertEquals("INVALID", events.get(0).get("status"));
    assertEquals("req-1", events.get(0).get("command_id"));
  }

  @Test
  void aCommandWithoutABodyIsInvalid() {
    requests.onCommand(Command.newBuilder().setCommandId("req-2").build());

    assertEquals("INVALID", events.get(0).get("status"));
  }

  @Test
  void aDeviceWithoutCamerasSaysItHasNothing() {
    requests.onCommand(window("req-3", 1_000, 5_000));

    assertEquals(1, events.size());
    assertEquals("NOTHING", events.get(0).get("status"));
  }
}
