package dev.vigil.gateway.enrol;

import dev.vigil.gateway.keys.GatewayKeys;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.tls.PemTls;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.tinylog.Logger;

/**
 * The fleet's certificate authority: a P-256 key and a self-signed certificate in {@code
 * data.dir/ca}, created on first start (the key file readable by its owner only). It issues device
 * certificates (TLS client), the gateway's own client certificates and the broker's server
 * certificate, and signs the revocation list brokers load.
 *
 * <p>Validity: the CA 20 years; devices 3 years (a box outlives few more, and revocation covers a
 * lost one); the gateway's and the broker's certificates 400 days, re-issued at every start.
 */
public final class FleetCa {
  public static final String KEY_FILE = "ca-key.pem";
  public static final String CERT_FILE = "ca.crt";
  public static final String CRL_FILE = "crl.pem";
  static final Duration CA_VALIDITY = Duration.ofDays(20 * 365);
  static final Duration DEVICE_VALIDITY = Duration.ofDays(3 * 365);
  static final Duration SERVICE_VALIDITY = Duration.ofDays(400);

  /** Brokers must reload the list before it expires; every revocation rewrites it. */
  static final Duration CRL_VALIDITY = Duration.ofDays(30);

  private static final String SIGNATURE = "SHA256withECDSA";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyPair key;
  private final X509Certificate certificate;
  private final Path folder;
  private final Clock clock;

  private FleetCa(KeyPair key, X509Certificate certificate, Path folder, Clock clock) {
    this.key = key;
    this.certificate = certificate;
    this.folder = folder;
    this.clock = clock;
  }

  /** Loads the CA from {@code folder}, creating it on first use. */
  public static FleetCa loadOrCreate(Path folder, Clock clock) throws IOException {
    Path keyFile = folder.resolve(KEY_FILE);
    Path certFile = folder.resolve(CERT_FILE);
    if (Files.exists(keyFile)) {
      X509Certificate cert = PemTls.certificates(Files.readString(certFile)).get(0);
      PublicKey pub = cert.getPublicKey();
      return new FleetCa(
          new KeyPair(pub, KeyPairs.privateFromPem(Files.readString(keyFile))),
          cert,
          folder,
          clock);
    }
    Files.createDirectories(folder);
    KeyPair pair = KeyPairs.generateP256();
    X509Certificate cert = selfSigned(pair, clock.instant());
    GatewayKeys.writePrivate(keyFile, KeyPairs.toPem(pair.getPrivate()));
    Files.writeString(certFile, PemTls.toPem(cert), StandardCharsets.US_ASCII);
    Logger.warn("created the fleet CA in {}: back up {} and keep it secret", folder, keyFile);
    return new FleetCa(pair, cert, folder, clock);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public String certificatePem() {
    return PemTls.toPem(certificate);
  }

  public Path folder() {
    return folder;
  }

  /** A TLS client certificate for a device ({@code cn} = device id) or a gateway connection. */
  public X509Certificate issueClient(String cn, Role role, PublicKey subjectKey) {
    Duration validity = role == Role.DEVICE ? DEVICE_VALIDITY : SERVICE_VALIDITY;
    return issue(subject(cn, role), subjectKey, validity, KeyPurposeId.id_kp_clientAuth, List.of());
  }

  /** The broker's TLS server certificate, valid for each of {@code names} (host names or IPs). */
  public X509Certificate issueServer(List<String> names, PublicKey subjectKey) {
    return issue(
        subject(names.get(0), Role.BROKER),
        subjectKey,
        SERVICE_VALIDITY,
        KeyPurposeId.id_kp_serverAuth,
        names);
  }

  /** A revocation list naming {@code serials}; brokers refuse certificates it lists. */
  public X509CRL crl(Collection<BigInteger> serials) {
    Instant now = clock.instant();
    X509v2CRLBuilder builder =
        new X509v2CRLBuilder(
            X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
            Date.from(now));
    builder.setNextUpdate(Date.from(now.plus(CRL_VALIDITY)));
    for (BigInteger serial : serials) {
      builder.addCRLEntry(serial, Date.from(now), CRLReason.keyCompromise);
    }
    try {
      // The list's number only has to grow: the signing time in milliseconds does.
      builder.addExtension(
          Extension.cRLNumber,
          false,
          new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.valueOf(now.toEpochMilli())));
      return new JcaX509CRLConverter().getCRL(builder.build(signer()));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot sign the revocation list", e);
    }
  }

  /** Writes the revocation list to {@code data.dir/ca/crl.pem}, replacing the previous one. */
  public Path writeCrl(Collection<BigInteger> serials) throws IOException {
    X509CRL crl = crl(serials);
    Path file = folder.resolve(CRL_FILE);
    Path temp = folder.resolve(CRL_FILE + ".tmp");
    try {
      String body =
          java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(crl.getEncoded());
      Files.writeString(temp, "-----BEGIN X509 CRL-----\n" + body + "\n-----END X509 CRL-----\n");
    } catch (java.security.cert.CRLException e) {
      throw new IOException(e);
    }
    Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  private X509Certificate issue(
      X500Name subject,
      PublicKey subjectKey,
      Duration validity,
      KeyPurposeId purpose,
      List<String> names) {
    Instant now = clock.instant();
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              certificate,
              serial(),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(validity)),
              subject,
              subjectKey);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      builder.addExtension(
          Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
      if (!names.isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(names));
      }
      return convert(builder.build(signer()));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot issue a certificate for " + subject, e);
    }
  }

  private static X509Certificate selfSigned(KeyPair pair, Instant now) {
    X500Name name =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, "Vigil fleet")
            .addRDN(BCStyle.CN, "Vigil fleet CA " + Long.toHexString(RANDOM.nextLong() >>> 16))
            .build();
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              serial(),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(CA_VALIDITY)),
              name,
              pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          utils.createSubjectKeyIdentifier(pair.getPublic()));
      return convert(builder.build(signer(pair)));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot create the fleet CA", e);
    }
  }

  private static X500Name subject(String cn, Role role) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, "Vigil fleet")
        .addRDN(BCStyle.OU, role.unit())
        .addRDN(BCStyle.CN, cn)
        .build();
  }

  private static GeneralNames alternativeNames(List<String> names) {
    GeneralName[] out = new GeneralName[names.size()];
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      boolean ip = name.matches("[0-9.]+") || name.contains(":");
      out[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name);
    }
    return new GeneralNames(out);
  }

  /** 127 random bits: positive, unique in practice, and unguessable (CA/B Forum asks for 64+). */
  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).setBit(120);
  }

  private ContentSigner signer() {
    return signer(key);
  }

  private static ContentSigner signer(KeyPair pair) {
    try {
      return new JcaContentSignerBuilder(SIGNATURE).build(pair.getPrivate());
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign with the CA key", e);
    }
  }

  private static X509Certificate convert(X509CertificateHolder holder)
      throws java.security.cert.CertificateException {
    return new JcaX509CertificateConverter().getCertificate(holder);
  }
}
