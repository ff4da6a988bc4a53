package dev.vigil.gateway.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.broker.AccessRules.Refusal;
import dev.vigil.gateway.enrol.Role;
import dev.vigil.gateway.registry.DeviceRegistry.Admission;
import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessRulesTest {
  private static final FleetIdentity BOX = new FleetIdentity(Role.DEVICE, "box-1", BigInteger.TEN);
  private static final FleetIdentity GATEWAY =
      new FleetIdentity(Role.GATEWAY, "vigil-gw-1", BigInteger.TWO);

  @Test
  void aDeviceConnectsOnlyAsVigilDashItsOwnId() {
    assertEquals(Optional.empty(), AccessRules.checkConnect("vigil-box-1", Optional.of(BOX)));
    assertEquals(
        Optional.of(Refusal.CLIENT_ID_MISMATCH),
        AccessRules.checkConnect("vigil-box-2", Optional.of(BOX)));
    assertEquals(
        Optional.of(Refusal.CLIENT_ID_MISMATCH),
        AccessRules.checkConnect("box-1", Optional.of(BOX)));
  }

  @Test
  void wildcardsSlashesAndDollarsInClientIdsOrNamesAreRefused() {
    for (String clientId : new String[] {"vigil-box-1/x", "vigil-#", "vigil-+", "$SYS", ""}) {
      assertEquals(
          Optional.of(Refusal.INVALID_IDENTITY),
          AccessRules.checkConnect(clientId, Optional.of(BOX)),
          clientId);
    }
    for (String cn : new String[] {"a+b", "#", "a/b", "$x"}) {
      FleetIdentity forged = new FleetIdentity(Role.DEVICE, cn, BigInteger.ONE);
      assertEquals(
          Optional.of(Refusal.INVALID_IDENTITY),
          AccessRules.checkConnect("vigil-" + cn, Optional.of(forged)),
          cn);
    }
    assertEquals(
        Optional.of(Refusal.INVALID_IDENTITY), AccessRules.checkConnect("x", Optional.empty()));
    FleetIdentity posing = new FleetIdentity(Role.DEVICE, "vigil-gw-1", BigInteger.ONE);
    assertEquals(
        Optional.of(Refusal.INVALID_IDENTITY),
        AccessRules.checkConnect("vigil-vigil-gw-1", Optional.of(posing)),
        "a box may not carry a gateway's name");
  }

  @Test
  void aGatewayUsesItsNameAsClientIdPrefixAndABrokerCertificateIsNoClient() {
    assertEquals(
        Optional.empty(), AccessRules.checkConnect("vigil-gw-1-alarms", Optional.of(GATEWAY)));
    assertEquals(
        Optional.of(Refusal.CLIENT_ID_MISMATCH),
        AccessRules.checkConnect("vigil-gw-10-alarms", Optional.of(GATEWAY)));
    FleetIdentity broker = new FleetIdentity(Role.BROKER, "localhost", BigInteger.ONE);
    assertEquals(
        Optional.of(Refusal.INVALID_IDENTITY),
        AccessRules.checkConnect("localhost", Optional.of(broker)));
  }

  @Test
  void aDevicePublishesOnlyUnderItsOwnUpAndStateAndSubscribesOnlyToItsDown() {
    assertTrue(AccessRules.mayPublish(BOX, "vigil/v1/d/box-1/up/pos"));
    assertTrue(AccessRules.mayPublish(BOX, "vigil/v1/d/box-1/state"));
    assertFalse(AccessRules.mayPublish(BOX, "vigil/v1/d/box-2/up/pos"));
    assertFalse(AccessRules.mayPublish(BOX, "vigil/v1/d/box-1/down/ack"));
    assertFalse(AccessRules.mayPublish(BOX, "vigil/v1/d/box-10/up/pos"));
    assertFalse(AccessRules.mayPublish(BOX, "vigil/v1/control/alerts/critical/VEH-1"));
    assertTrue(AccessRules.maySubscribe(BOX, "vigil/v1/d/box-1/down/#"));
    assertTrue(AccessRules.maySubscribe(BOX, "vigil/v1/d/box-1/down/ack"));
    assertFalse(AccessRules.maySubscribe(BOX, "vigil/v1/d/+/down/#"));
    assertFalse(AccessRules.maySubscribe(BOX, "vigil/v1/d/box-1/up/#"));
    assertFalse(AccessRules.maySubscribe(BOX, "#"));
    assertFalse(AccessRules.maySubscribe(BOX, "$share/g/vigil/v1/d/box-1/down/#"));
    assertTrue(AccessRules.maySubscribe(GATEWAY, "$share/vigil-gw/vigil/v1/d/+/up/#"));
  }

  @Test
  void aControlRoomDeskReadsAlertsAndAcknowledgesNothingElse() {
    FleetIdentity desk = new FleetIdentity(Role.CONTROL, "vigil-cr-desk-1", BigInteger.ONE);
    assertEquals(
        Optional.empty(), AccessRules.checkConnect("vigil-cr-desk-1-42", Optional.of(desk)));
    assertTrue(AccessRules.maySubscribe(desk, "vigil/v1/control/alerts/#"));
    assertTrue(AccessRules.maySubscribe(desk, "vigil/v1/control/alerts/critical/#"));
    assertFalse(AccessRules.maySubscribe(desk, "vigil/v1/d/+/up/#"));
    assertFalse(AccessRules.maySubscribe(desk, "#"));
    assertTrue(AccessRules.maySubscribe(desk, "vigil/v1/control/ack-result"));
    assertFalse(AccessRules.maySubscribe(desk, "vigil/v1/control/ack"), "others' requests");
    assertFalse(AccessRules.mayPublish(desk, "vigil/v1/control/ack-result"), "forged answers");
    assertTrue(AccessRules.mayPublish(desk, "vigil/v1/control/ack"));
    assertFalse(AccessRules.mayPublish(desk, "vigil/v1/control/alerts/critical/VEH-1"));
    assertFalse(AccessRules.mayPublish(desk, "vigil/v1/d/box-1/down/ack"));
  }

  @Test
  void everyRegistryAnswerButAdmittedIsARefusal() {
    for (Admission admission : Admission.values()) {
      assertEquals(admission != Admission.ADMITTED, AccessRules.of(admission).isPresent());
    }
  }
}
