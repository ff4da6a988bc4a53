package dev.vigil.device.provisioning;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where enrolment leaves its results, under {@code data.dir/enrolment}: the device certificate, the
 * fleet CA, the gateway's payload public key, and {@code enrolment.properties} holding the device
 * settings the gateway gave ({@code device.id}, {@code vehicle.id}, {@code mqtt.url}, {@code
 * keys.epoch} and the paths of those files). The agent uses them as defaults.
 */
public final class EnrolledFiles {
  public static final String FOLDER = "enrolment";
  public static final String CERTIFICATE = "device.crt";
  public static final String CA = "ca.crt";
  public static final String GATEWAY_KEY = "gateway-public.pem";
  public static final String SETTINGS = "enrolment.properties";

  private EnrolledFiles() {}

  public static Path folder(Path dataDir) {
    return dataDir.resolve(FOLDER);
  }

  /** The settings enrolment stored, or none when the box was not enrolled. */
  public static Properties settings(Path dataDir) throws IOException {
    Properties properties = new Properties();
    Path file = folder(dataDir).resolve(SETTINGS);
    if (Files.exists(file)) {
      try (Reader reader = Files.newBufferedReader(file)) {
        properties.load(reader);
      }
    }
    return properties;
  }
}
