package dev.vigil.device.provisioning;

import dev.vigil.protocol.envelope.KeyPairs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;

/**
 * The device's own P-256 key pair, generated on the box: the private key never leaves it and is
 * readable by its owner only (mode 0600). The public key is what the gateway registers.
 */
public final class DeviceKeys {
  public static final String PRIVATE_FILE = "device-key.pem";
  public static final String PUBLIC_FILE = "device-public.pem";

  private DeviceKeys() {}

  /** Generates a key pair into {@code folder}; refuses to overwrite an existing one. */
  public static Path generate(Path folder) throws IOException {
    Path privateFile = folder.resolve(PRIVATE_FILE);
    if (Files.exists(privateFile)) {
      throw new IOException(privateFile + " exists: this device already has a key");
    }
    Files.createDirectories(folder);
    KeyPair pair = KeyPairs.generateP256();
    Path temp = folder.resolve(PRIVATE_FILE + ".tmp");
    Files.deleteIfExists(temp);
    Files.createFile(
        temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(temp, KeyPairs.toPem(pair.getPrivate()), StandardCharsets.US_ASCII);
    Files.move(temp, privateFile, StandardCopyOption.ATOMIC_MOVE);
    Path publicFile = folder.resolve(PUBLIC_FILE);
    Files.writeString(publicFile, KeyPairs.toPem(pair.getPublic()), StandardCharsets.US_ASCII);
    return publicFile;
  }

  public static KeyPair load(Path folder) throws IOException {
    Path privateFile = folder.resolve(PRIVATE_FILE);
    if (!Files.exists(privateFile)) {
      throw new IOException(
          "no device key in " + folder + ": run 'vigil-device keys' (or enrol) first");
    }
    return new KeyPair(
        KeyPairs.publicFromPem(Files.readString(folder.resolve(PUBLIC_FILE))),
        KeyPairs.privateFromPem(Files.readString(privateFile)));
  }
}
