package dev.vigil.gateway.keys;

import dev.vigil.protocol.envelope.KeyPairs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.tinylog.Logger;

/**
 * The gateway's payload key pair (P-256). Devices seal to its public key; only the gateway can open
 * what they send. The private key file is readable by its owner only.
 */
public final class GatewayKeys {
  public static final String PRIVATE_FILE = "gateway-key.pem";
  public static final String PUBLIC_FILE = "gateway-public.pem";

  private GatewayKeys() {}

  /** Loads the key pair from {@code folder}, creating it on first start. */
  public static KeyPair loadOrCreate(Path folder) throws IOException {
    Path privateFile = folder.resolve(PRIVATE_FILE);
    Path publicFile = folder.resolve(PUBLIC_FILE);
    if (Files.exists(privateFile)) {
      return new KeyPair(
          KeyPairs.publicFromPem(Files.readString(publicFile, StandardCharsets.US_ASCII)),
          KeyPairs.privateFromPem(Files.readString(privateFile, StandardCharsets.US_ASCII)));
    }
    Files.createDirectories(folder);
    KeyPair pair = KeyPairs.generateP256();
    writePrivate(privateFile, KeyPairs.toPem(pair.getPrivate()));
    Files.writeString(publicFile, KeyPairs.toPem(pair.getPublic()), StandardCharsets.US_ASCII);
    Logger.warn(
        "created a new gateway key pair in {}: devices must be given {}", folder, publicFile);
    return pair;
  }

  /**
   * Writes a private key readable by its owner only (mode 0600 where the file system has modes).
   */
  public static void writePrivate(Path file, String pem) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    try {
      Files.createFile(
          temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(temp);
    }
    Files.writeString(temp, pem, StandardCharsets.US_ASCII);
    Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
