package dev.vigil.gateway.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.vigil.gateway.alerts.AlertFactory;
import dev.vigil.gateway.store.Database;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.media.Hashes;
import dev.vigil.protocol.media.ManifestSignature;
import dev.vigil.protocol.media.MediaHeader;
import dev.vigil.protocol.media.SealedMedia;
import dev.vigil.protocol.media.SealedMediaException;
import dev.vigil.protocol.pb.MediaChunk;
import dev.vigil.protocol.pb.MediaItem;
import dev.vigil.protocol.pb.MediaKind;
import dev.vigil.protocol.pb.MediaManifest;
import dev.vigil.protocol.pb.MediaRanges;
import dev.vigil.protocol.pb.MediaUp;
import dev.vigil.protocol.pb.SignedManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The media store on both databases, on a stepped clock: ingest, verification, hold, retention. */
@Timeout(60)
class MediaStoreIT {
  private static final String POSTGRES =
      System.getProperty("vigil.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String SCHEMA =
      "vigil_media_" + UUID.randomUUID().toString().substring(0, 8);
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  @TempDir static Path folder;
  private final KeyPair gateway = KeyPairs.generateP256();
  private final KeyPair device = KeyPairs.generateP256();

  static Stream<String> databases() throws Exception {
    try (Connection c = DriverManager.getConnection(POSTGRES, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + SCHEMA);
    }
    return Stream.of(
        "jdbc:h2:file:" + folder.resolve("h2-" + UUID.randomUUID()),
        POSTGRES + "?currentSchema=" + SCHEMA);
  }

  @AfterAll
  static void dropSchema() throws Exception {
    try (Connection c = DriverManager.getConnection(POSTGRES, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void evidenceIsVerifiedHeldAuditedAndDeletedEverywhereOnTime(String url) throws Exception {
    Database database = new Database(url, url.contains("postgresql") ? "postgres" : "", "");
    database.migrate();
    MediaRepository repository = new MediaRepository(database);
    Path mediaDir = Files.createDirectories(folder.resolve(UUID.randomUUID().toString()));
    MediaFiles files = new MediaFiles(mediaDir);
    MediaIngest ingest = new MediaIngest(repository, files);
    byte[] jpeg = randomBytes(40_000, 1);
    byte[] sealedA = seal(jpeg, "cabin");
    byte[] sealedB = seal(randomBytes(30_000, 2), "cargo");
    String a = Hashes.mediaId(sealedA);
    String b = Hashes.mediaId(sealedB);

    List<MediaRanges> asked =
        ingest.handle("dev-1", device.getPublic(), manifest("al-1", sealedA), T0);
    assertEquals(List.of(0L, (long) sealedA.length), range(asked.get(0)));
    ingest.handle("dev-1", device.getPublic(), manifest("al-2", sealedB), T0);
    assertEquals(List.of(), send(ingest, a, sealedA, 0, 16_000), "not complete yet");
    List<MediaRanges> done = send(ingest, a, sealedA, 16_000, sealedA.length);
    assertEquals(0, done.get(0).getMissingCount(), "complete: the device may let go");
    send(ingest, b, sealedB, 0, sealedB.length);
    assertEquals(
        1, ingest.handle("dev-1", device.getPublic(), chunk(a, sealedA, 0, 10), T0).size());
    assertTrue(ingest.counters().repeats() >= 1);

    MediaAccess access =
        new MediaAccess(
            repository,
            files,
            gateway.getPrivate(),
            new ClipAssembler(),
            java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC));
    MediaAccess.Requester alice = new MediaAccess.Requester("alice", "incident 7 review");
    assertArrayEquals(jpeg, access.view(a, alice));
    assertEquals("alice", repository.audits(a).get(0).operator());

    Path onDisk = files.path(a);
    byte[] damaged = Files.readAllBytes(onDisk);
    damaged[damaged.length / 2] ^= 1;
    Files.write(onDisk, damaged);
    assertThrows(SealedMediaException.class, () -> access.view(a, alice), "never served damaged");
    Files.write(onDisk, sealedA);

    MediaRetention retention = new MediaRetention(repository, files, Duration.ofHours(72));
    assertEquals(1, retention.hold(AlertFactory.alertId("dev-1", "al-1"), alice, T0));
    assertEquals(0, retention.sweep(T0.plus(Duration.ofHours(71))));
    assertEquals(1, retention.sweep(T0.plus(Duration.ofHours(73))), "the unheld recording goes");
    assertFalse(Files.exists(files.path(b)), "its file is gone");
    assertTrue(repository.item(b).isEmpty(), "its row is gone");
    assertEquals("DELETE", repository.audits(b).get(0).action());
    assertTrue(Files.exists(files.path(a)), "evidence under legal hold stays");
  }

  private List<MediaRanges> send(MediaIngest ingest, String id, byte[] sealed, int from, int to)
      throws Exception {
    return ingest.handle("dev-1", device.getPublic(), chunk(id, sealed, from, to), T0);
  }

  private static MediaUp chunk(String id, byte[] sealed, int from, int to) {
    return MediaUp.newBuilder()
        .setChunk(
            MediaChunk.newBuilder()
                .setMediaId(id)
                .setOffset(from)
                .setTotalBytes(sealed.length)
                .setData(ByteString.copyFrom(sealed, from, to - from)))
        .build();
  }

  private MediaUp manifest(String alarmId, byte[] sealed) {
    MediaHeader header = SealedMedia.header(sealed);
    MediaManifest manifest =
        MediaManifest.newBuilder()
            .setDeviceId("dev-1")
            .setAlarmId(alarmId)
            .addItems(
                MediaItem.newBuilder()
                    .setMediaId(Hashes.mediaId(sealed))
                    .setKind(MediaKind.MEDIA_KIND_SNAPSHOT)
                    .setSource(header.source())
                    .setStartMs(header.startMs())
                    .setPlaintextSha256(ByteString.copyFrom(header.plaintextSha256()))
                    .setSealedBytes(sealed.length))
            .build();
    byte[] bytes = manifest.toByteArray();
    return MediaUp.newBuilder()
        .setManifest(
            SignedManifest.newBuilder()
                .setManifest(ByteString.copyFrom(bytes))
                .setSignature(
                    ByteString.copyFrom(ManifestSignature.sign(device.getPrivate(), bytes)))
                .setAlgorithm(ManifestSignature.ALGORITHM))
        .build();
  }

  private byte[] seal(byte[] plaintext, String camera) {
    return SealedMedia.seal(
        gateway.getPublic(),
        MediaHeader.of(MediaHeader.Kind.SNAPSHOT, T0.toEpochMilli(), 0, plaintext, camera, "dev-1"),
        plaintext);
  }

  private static List<Long> range(MediaRanges ranges) {
    return List.of(ranges.getMissing(0).getFrom(), ranges.getMissing(0).getTo());
  }

  private static byte[] randomBytes(int n, long seed) {
    byte[] out = new byte[n];
    new Random(seed).nextBytes(out);
    return out;
  }
}
