package dev.vigil.device.trip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.device.link.DownlinkKeys;
import dev.vigil.protocol.DownKind;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.envelope.Direction;
import dev.vigil.protocol.envelope.Envelope;
import dev.vigil.protocol.envelope.EnvelopeKey;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.envelope.Suite;
import dev.vigil.protocol.pb.Trip;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Only the gateway, sealing for this device's trip topic, can set the trip. */
@Timeout(10)
class TripDownlinkTest {
  private final KeyPair device = KeyPairs.generateP256();
  private final KeyPair gateway = KeyPairs.generateP256();
  private final String topic = Topics.down("box-1", DownKind.TRIP);
  private final EnvelopeKey gatewaySide = key(gateway, device, Direction.DOWNLINK);
  private final TripDownlink downlink =
      new TripDownlink(topic, new DownlinkKeys(key(device, gateway, Direction.DOWNLINK)));
  private final Trip trip = Trip.newBuilder().setTripId("t-1").setVehicleId("VEH-1").build();

  private static EnvelopeKey key(KeyPair own, KeyPair peer, Direction direction) {
    return EnvelopeKey.derive(own.getPrivate(), peer.getPublic(), "box-1", 1, direction);
  }

  @Test
  void aTripSealedByTheGatewayOpensWithItsSequenceNumber() {
    byte[] sealed = Envelope.seal(gatewaySide, Suite.AES_256_GCM, topic, 42, trip.toByteArray());

    TripDownlink.Received received = downlink.open(sealed).orElseThrow();

    assertEquals(42, received.seq());
    assertEquals(1, received.keyEpoch());
    assertEquals(trip, received.trip());
  }

  @Test
  void aTripSealedForAnotherTopicOrKeyOrTamperedWithIsIgnored() {
    String ackTopic = Topics.down("box-1", DownKind.ACK);
    byte[] forAcks = Envelope.seal(gatewaySide, Suite.AES_256_GCM, ackTopic, 1, trip.toByteArray());
    EnvelopeKey uplink = key(gateway, device, Direction.UPLINK);
    byte[] wrongKey = Envelope.seal(uplink, Suite.AES_256_GCM, topic, 1, trip.toByteArray());
    byte[] tampered = Envelope.seal(gatewaySide, Suite.AES_256_GCM, topic, 1, trip.toByteArray());
    tampered[tampered.length - 1] ^= 1;

    assertTrue(downlink.open(forAcks).isEmpty());
    assertTrue(downlink.open(wrongKey).isEmpty());
    assertTrue(downlink.open(tampered).isEmpty());
    assertTrue(downlink.open(new byte[] {1, 2, 3}).isEmpty());
  }
}
