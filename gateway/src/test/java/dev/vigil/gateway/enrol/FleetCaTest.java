package dev.vigil.gateway.enrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.protocol.envelope.KeyPairs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetCaTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void theCaIsCreatedOnceWithAPrivateKeyOnlyItsOwnerCanRead(@TempDir Path folder) throws Exception {
    FleetCa ca = FleetCa.loadOrCreate(folder, clock);
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("ca-key.pem"))));
    assertEquals(0, ca.certificate().getBasicConstraints(), "a CA that signs only end entities");
    ca.certificate().verify(ca.certificate().getPublicKey());
    FleetCa again = FleetCa.loadOrCreate(folder, clock);
    assertEquals(ca.certificate(), again.certificate(), "loaded, not replaced");
  }

  @Test
  void aDeviceCertificateNamesTheDeviceAndServesOnlyAsATlsClient(@TempDir Path folder)
      throws Exception {
    FleetCa ca = FleetCa.loadOrCreate(folder, clock);
    KeyPair box = KeyPairs.generateP256();
    X509Certificate cert = ca.issueClient("box-1", Role.DEVICE, box.getPublic());
    cert.verify(ca.certificate().getPublicKey());
    assertEquals("CN=box-1,OU=device,O=Vigil fleet", cert.getSubjectX500Principal().getName());
    assertEquals(List.of("1.3.6.1.5.5.7.3.2"), cert.getExtendedKeyUsage(), "clientAuth only");
    assertEquals(-1, cert.getBasicConstraints(), "not a CA");
    assertTrue(cert.getKeyUsage()[0], "digitalSignature");
    assertEquals(box.getPublic(), cert.getPublicKey());
    assertEquals(NOW.plus(FleetCa.DEVICE_VALIDITY), cert.getNotAfter().toInstant(), "three years");
    X509Certificate other = ca.issueClient("box-1", Role.DEVICE, box.getPublic());
    assertTrue(!cert.getSerialNumber().equals(other.getSerialNumber()), "serials differ");
  }

  @Test
  void theBrokerCertificateCoversEachNameAndTheCrlListsRevokedSerials(@TempDir Path folder)
      throws Exception {
    FleetCa ca = FleetCa.loadOrCreate(folder, clock);
    X509Certificate server =
        ca.issueServer(List.of("localhost", "127.0.0.1"), KeyPairs.generateP256().getPublic());
    assertEquals(List.of("1.3.6.1.5.5.7.3.1"), server.getExtendedKeyUsage(), "serverAuth");
    assertEquals(2, server.getSubjectAlternativeNames().size());
    X509Certificate revoked =
        ca.issueClient("box-2", Role.DEVICE, KeyPairs.generateP256().getPublic());
    X509CRL crl = ca.crl(List.of(revoked.getSerialNumber()));
    crl.verify(ca.certificate().getPublicKey());
    assertTrue(crl.isRevoked(revoked));
    assertTrue(!crl.isRevoked(server));
    assertEquals(NOW.plus(Duration.ofDays(30)), crl.getNextUpdate().toInstant());
    assertTrue(Files.readString(ca.writeCrl(List.of())).startsWith("-----BEGIN X509 CRL-----"));
  }

  @Test
  void aRequestSignedByAnotherKeyOrWithoutACnIsInvalid() {
    String forged =
        "-----BEGIN CERTIFICATE REQUEST-----\nMIIBnonsense\n-----END CERTIFICATE REQUEST-----\n";
    assertThrows(SigningRequest.Invalid.class, () -> SigningRequest.parse(forged));
    assertThrows(SigningRequest.Invalid.class, () -> SigningRequest.parse("hello"));
  }
}
