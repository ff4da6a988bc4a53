package dev.vigil.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.protocol.alert.Severity;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

  @Test
  void buildsEachTopicFromTheArchitectureTable() {
    assertEquals("vigil/v1/d/vg-001/up/pos", Topics.up("vg-001", UpKind.POS));
    assertEquals("vigil/v1/d/vg-001/down/alarm-ack", Topics.down("vg-001", DownKind.ALARM_ACK));
    assertEquals("vigil/v1/d/vg-001/state", Topics.state("vg-001"));
    assertEquals(
        "vigil/v1/control/alerts/critical/CA-123",
        Topics.controlAlert(Severity.CRITICAL, "CA-123"));
    assertEquals("$share/vigil-gw/vigil/v1/d/+/up/#", Topics.sharedUpFilter("vigil-gw"));
  }

  @Test
  void filtersMatchTheTopicsTheyAreFor() {
    assertEquals("vigil/v1/control/alerts/#", Topics.CONTROL_ALERTS_FILTER);
    assertEquals("vigil/v1/control/ack", Topics.CONTROL_ACK);
    assertEquals("vigil/v1/control/ack-result", Topics.CONTROL_ACK_RESULT);
    assertEquals("vigil/v1/d/+/up/#", Topics.UP_FILTER);
    assertEquals("vigil/v1/d/+/state", Topics.STATE_FILTER);
  }

  @ParameterizedTest
  @EnumSource(UpKind.class)
  void everyUplinkTopicParsesBackToItsDeviceAndKind(UpKind kind) {
    String topic = Topics.up("Pi_4.b-07", kind);
    assertEquals(Optional.of(new UpTopic("Pi_4.b-07", kind)), Topics.parseUp(topic));
    assertEquals(Optional.of(kind), UpKind.fromWire(kind.wire()));
  }

  @ParameterizedTest
  @EnumSource(DownKind.class)
  void everyDownlinkKindRoundTripsThroughItsWireName(DownKind kind) {
    assertEquals(Optional.of(kind), DownKind.fromWire(kind.wire()));
    assertTrue(Topics.down("d1", kind).endsWith("/down/" + kind.wire()));
  }

  @Test
  void unknownWireNamesHaveNoKind() {
    assertEquals(Optional.empty(), UpKind.fromWire("POS"));
    assertEquals(Optional.empty(), UpKind.fromWire("cmd"));
    assertEquals(Optional.empty(), DownKind.fromWire("alarm_ack"));
    assertEquals(Optional.empty(), DownKind.fromWire(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "vg-001", "A.b_c-9", "0", "x.", "-lead"})
  void acceptsIdsOfTheAllowedCharacters(String id) {
    assertTrue(Topics.isValidId(id));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "#", "+", "a/b", "$SYS", "dev#1", "dev+1", "a b", ".hidden", "tab\t", "é"})
  void refusesIdsThatCouldBreakOrWidenATopic(String id) {
    assertFalse(Topics.isValidId(id));
    IllegalArgumentException up =
        assertThrows(IllegalArgumentException.class, () -> Topics.up(id, UpKind.ALARM));
    assertTrue(up.getMessage().startsWith("invalid device id: "), up.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Topics.down(id, DownKind.CMD));
    assertThrows(IllegalArgumentException.class, () -> Topics.state(id));
    assertThrows(IllegalArgumentException.class, () -> Topics.controlAlert(Severity.MAJOR, id));
    assertThrows(IllegalArgumentException.class, () -> Topics.sharedUpFilter(id));
  }

  @Test
  void idsAreAtMostSixtyFourCharacters() {
    assertTrue(Topics.isValidId("a".repeat(64)));
    assertFalse(Topics.isValidId("a".repeat(65)));
    assertFalse(Topics.isValidId(null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "vigil/v1",
        "vigil/v1/d/dev1/up",
        "vigil/v1/d/dev1/up/",
        "vigil/v1/d/dev1/up/pos/extra",
        "vigil/v1/d/dev1/up/POS",
        "vigil/v1/d/dev1/up/cmd",
        "vigil/v1/d/dev1/down/cmd",
        "vigil/v1/d/dev1/state",
        "vigil/v2/d/dev1/up/pos",
        "/vigil/v1/d/dev1/up/pos",
        "vigil/v1/d//up/pos",
        "vigil/v1/d/+/up/pos",
        "vigil/v1/d/#/up/pos",
        "vigil/v1/d/$x/up/pos",
        "vigil/v1/d/a/b/up/pos",
        "vigil/v1/control/alerts/critical/v1",
        "$share/g/vigil/v1/d/dev1/up/pos",
        "vigil/v1/d/dev1/up/pos\u0000"
      })
  void parseUpFindsNothingInOtherTopics(String topic) {
    assertEquals(Optional.empty(), Topics.parseUp(topic));
  }

  @Test
  void parseUpOfNullIsEmpty() {
    assertEquals(Optional.empty(), Topics.parseUp(null));
  }

  @ParameterizedTest
  @EnumSource(Severity.class)
  void controlAlertTopicsFallUnderTheControlFilter(Severity severity) {
    String topic = Topics.controlAlert(severity, "v-1");
    assertTrue(topic.startsWith("vigil/v1/control/alerts/"));
    assertEquals(severity.name().toLowerCase(java.util.Locale.ROOT), topic.split("/")[4]);
  }

  @Test
  void aSharedFilterForOneKindNamesThatKindOnly() {
    assertEquals(
        "$share/vigil-gw/vigil/v1/d/+/up/alarm", Topics.sharedUpFilter("vigil-gw", UpKind.ALARM));
    assertThrows(IllegalArgumentException.class, () -> Topics.sharedUpFilter("a/b", UpKind.POS));
  }
}
