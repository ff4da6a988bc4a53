package dev.vigil.protocol.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.UpKind;
import dev.vigil.protocol.pb.FixMode;
import dev.vigil.protocol.pb.Position;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Checks protocol/golden/envelope-v1.json, the sample another implementation of the envelope can
 * test itself against. Run with {@code -Dvigil.golden.regenerate=true} to write a new file with
 * fresh key pairs; without it the file is only verified.
 */
class EnvelopeGoldenTest {
  private static final String RESOURCE = "/golden/envelope-v1.json";
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final HexFormat HEX = HexFormat.of();
  private static final String DEVICE = "vg-golden-01";
  private static final int EPOCH = 3;
  private static final long SEQ = 1_048_577L;

  @Test
  void theGoldenFileIsWhatTheGeneratorProducesFromItsKeys() throws IOException {
    JsonNode golden;
    if (Boolean.getBoolean("vigil.golden.regenerate")) {
      ObjectNode fresh = build(KeyPairs.generateP256(), KeyPairs.generateP256());
      Path file = Path.of(System.getProperty("basedir", "."), "golden", "envelope-v1.json");
      Files.write(file, (MAPPER.writeValueAsString(fresh) + "\n").getBytes());
      golden = MAPPER.readTree(file.toFile());
    } else {
      golden = golden();
    }
    KeyPair device = pair(golden, "device");
    KeyPair gateway = pair(golden, "gateway");
    // Compared as parsed trees, so that formatting and number widths do not matter.
    assertEquals(MAPPER.readTree(MAPPER.writeValueAsBytes(build(device, gateway))), golden);
  }

  @Test
  void bothSidesDeriveTheGoldenKeyFromThePemKeys() throws IOException {
    JsonNode golden = golden();
    KeyPair device = pair(golden, "device");
    KeyPair gateway = pair(golden, "gateway");
    EnvelopeKey onDevice = uplink(device, gateway.getPublic());
    EnvelopeKey onGateway =
        EnvelopeKey.derive(
            gateway.getPrivate(), device.getPublic(), DEVICE, EPOCH, Direction.UPLINK);
    int keyId = Integer.parseUnsignedInt(golden.get("uplinkKeyId").textValue(), 16);
    assertEquals(keyId, onDevice.keyId());
    assertEquals(keyId, onGateway.keyId());
    assertEquals(
        golden.get("uplinkKeyHex").textValue(), HEX.formatHex(onGateway.key().getEncoded()));
  }

  @Test
  void theGoldenBytesOpenToThePlaintextAndHeaderAndSealAgainIdentically() throws IOException {
    JsonNode golden = golden();
    KeyPair device = pair(golden, "device");
    KeyPair gateway = pair(golden, "gateway");
    EnvelopeKey key =
        EnvelopeKey.derive(
            gateway.getPrivate(), device.getPublic(), DEVICE, EPOCH, Direction.UPLINK);
    String topic = golden.get("topic").textValue();
    byte[] plaintext = HEX.parseHex(golden.get("plaintextHex").textValue());
    assertEquals(2, golden.get("sealed").size());
    for (JsonNode sample : golden.get("sealed")) {
      Suite suite = Suite.valueOf(sample.get("suite").textValue());
      byte[] sealed = HEX.parseHex(sample.get("hex").textValue());
      OpenResult result = Envelope.open(topic, sealed, epoch -> Optional.of(key));
      Opened opened = assertInstanceOf(Opened.class, result, result.toString());
      assertArrayEquals(plaintext, opened.plaintext());
      assertEquals(
          new EnvelopeHeader(
              1, suite, key.keyId(), EPOCH, SEQ, Envelope.topicTag(topic), plaintext.length + 16),
          opened.header());
      assertArrayEquals(
          sealed, Envelope.seal(uplink(device, gateway.getPublic()), suite, topic, SEQ, plaintext));
    }
    Position position = Position.parseFrom(plaintext);
    assertTrue(Math.abs(position.getLatDeg()) <= 90 && Math.abs(position.getLonDeg()) <= 180);
  }

  /** The whole golden document for these key pairs; everything but the keys is fixed here. */
  private static ObjectNode build(KeyPair device, KeyPair gateway) {
    String topic = Topics.up(DEVICE, UpKind.POS);
    byte[] plaintext =
        Position.newBuilder()
            .setFixTimeMs(1_795_342_529_900L)
            .setLatDeg(-33.924869)
            .setLonDeg(18.424055)
            .setSpeedMps(12.5f)
            .setHeadingDeg(271.5f)
            .setAltitudeM(21.0f)
            .setFixMode(FixMode.FIX_MODE_3D)
            .setSatellites(11)
            .setHdop(0.9f)
            .build()
            .toByteArray();
    EnvelopeKey key = uplink(device, gateway.getPublic());
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", "vigil envelope v1");
    root.put("deviceId", DEVICE);
    root.put("epoch", EPOCH);
    root.put("direction", Direction.UPLINK.name());
    root.put("topic", topic);
    root.put("seq", SEQ);
    root.put("plaintextType", "vigil.v1.Position");
    root.put("plaintextHex", HEX.formatHex(plaintext));
    root.put("devicePrivateKeyPem", KeyPairs.toPem(device.getPrivate()));
    root.put("devicePublicKeyPem", KeyPairs.toPem(device.getPublic()));
    root.put("gatewayPrivateKeyPem", KeyPairs.toPem(gateway.getPrivate()));
    root.put("gatewayPublicKeyPem", KeyPairs.toPem(gateway.getPublic()));
    root.put("uplinkKeyHex", HEX.formatHex(key.key().getEncoded()));
    root.put("uplinkKeyId", String.format("%08x", key.keyId()));
    ArrayNode sealed = root.putArray("sealed");
    for (Suite suite : Suite.values()) {
      ObjectNode sample = sealed.addObject();
      sample.put("suite", suite.name());
      sample.put("hex", HEX.formatHex(Envelope.seal(key, suite, topic, SEQ, plaintext)));
    }
    return root;
  }

  private static EnvelopeKey uplink(KeyPair device, java.security.PublicKey gatewayPublic) {
    return EnvelopeKey.derive(device.getPrivate(), gatewayPublic, DEVICE, EPOCH, Direction.UPLINK);
  }

  private static KeyPair pair(JsonNode golden, String who) {
    return new KeyPair(
        KeyPairs.publicFromPem(golden.get(who + "PublicKeyPem").textValue()),
        KeyPairs.privateFromPem(golden.get(who + "PrivateKeyPem").textValue()));
  }

  private static JsonNode golden() throws IOException {
    try (InputStream in = EnvelopeGoldenTest.class.getResourceAsStream(RESOURCE)) {
      assertNotNull(in, RESOURCE + " is on the test classpath");
      return MAPPER.readTree(in);
    }
  }
}
