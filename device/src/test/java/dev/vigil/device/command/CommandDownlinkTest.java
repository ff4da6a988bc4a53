package dev.vigil.device.command;

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
import dev.vigil.protocol.pb.Command;
import dev.vigil.protocol.pb.UploadWindow;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Only a fresh command sealed by the gateway for this device's command topic is carried out. */
@Timeout(10)
class CommandDownlinkTest {
  private final KeyPair device = KeyPairs.generateP256();
  private final KeyPair gateway = KeyPairs.generateP256();
  private final String topic = Topics.down("box-1", DownKind.CMD);
  private final EnvelopeKey gatewaySide = key(gateway, device, Direction.DOWNLINK);
  private final DownlinkKeys keys = new DownlinkKeys(key(device, gateway, Direction.DOWNLINK));
  private final Command command =
      Command.newBuilder()
          .setCommandId("req-1")
          .setUploadWindow(UploadWindow.newBuilder().setFromMs(1_000).setToMs(6_000))
          .build();
  @TempDir Path folder;

  private static EnvelopeKey key(KeyPair own, KeyPair peer, Direction direction) {
    return EnvelopeKey.derive(own.getPrivate(), peer.getPublic(), "box-1", 1, direction);
  }

  private byte[] sealed(long seq) {
    return Envelope.seal(gatewaySide, Suite.AES_256_GCM, topic, seq, command.toByteArray());
  }

  @Test
  void aFreshCommandOpensOnceAndAReplayIsRefusedEvenAfterARestart() throws Exception {
    Path seqFile = folder.resolve("command-seq");
    CommandDownlink commands = CommandDownlink.open(topic, keys, seqFile);

    assertEquals(command, commands.open(sealed(42)).orElseThrow());
    assertTrue(commands.open(sealed(42)).isEmpty(), "the same message again");
    assertTrue(commands.open(sealed(41)).isEmpty(), "an older message");

    CommandDownlink restarted = CommandDownlink.open(topic, keys, seqFile);
    assertTrue(restarted.open(sealed(42)).isEmpty(), "replayed after a restart");
    assertEquals(command, restarted.open(sealed(43)).orElseThrow());
  }

  @Test
  void aCommandForAnotherTopicOrKeyOrTamperedWithIsIgnoredAndDoesNotMoveTheSequence()
      throws Exception {
    CommandDownlink commands = CommandDownlink.open(topic, keys, folder.resolve("seq"));
    String tripTopic = Topics.down("box-1", DownKind.TRIP);
    byte[] forTrips =
        Envelope.seal(gatewaySide, Suite.AES_256_GCM, tripTopic, 50, command.toByteArray());
    EnvelopeKey uplink = key(gateway, device, Direction.UPLINK);
    byte[] wrongKey = Envelope.seal(uplink, Suite.AES_256_GCM, topic, 50, command.toByteArray());
    byte[] tampered = sealed(50);
    tampered[tampered.length - 1] ^= 1;

    assertTrue(commands.open(forTrips).isEmpty());
    assertTrue(commands.open(wrongKey).isEmpty());
    assertTrue(commands.open(tampered).isEmpty());
    assertEquals(command, commands.open(sealed(2)).orElseThrow(), "forgeries moved nothing");
  }
}
